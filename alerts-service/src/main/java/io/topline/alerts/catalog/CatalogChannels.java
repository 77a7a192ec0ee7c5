package io.topline.alerts.catalog;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.topline.alerts.lifecycle.ShutdownGate;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The incoming channels of the catalog: each definition, and each poll of actuals, is applied on a worker thread by
 * its consumer (with its retries) and acknowledged, or dead-lettered record by record when it cannot be applied.
 *
 * <p>A record that arrives while the service stops is neither: it is left unacknowledged, so its offset is not
 * committed and the next start reads it again (the consumers are idempotent by revision).
 */
@ApplicationScoped
public class CatalogChannels {

    private static final Logger LOG = Logger.getLogger(CatalogChannels.class);

    private final DefinitionsConsumer definitions;
    private final ActualsConsumer actuals;
    private final ShutdownGate gate;
    private final DistributionSummary togetherPolls;
    private final DistributionSummary oneByOnePolls;
    private final DistributionSummary singlePolls;

    public CatalogChannels(DefinitionsConsumer definitions, ActualsConsumer actuals, ShutdownGate gate,
                           MeterRegistry registry) {
        this.definitions = definitions;
        this.actuals = actuals;
        this.gate = gate;
        this.togetherPolls = pollSize(registry, "together");
        this.oneByOnePolls = pollSize(registry, "one-by-one");
        this.singlePolls = pollSize(registry, "single");
    }

    /**
     * How many records the polls of actuals brought, by how they were applied (together; one by one after that
     * failed; a poll of a single record): what batching achieves, and how often it falls back.
     */
    private static DistributionSummary pollSize(MeterRegistry registry, String applied) {
        return DistributionSummary.builder("topline.consumer.poll.records")
                .description("Records per poll of a batching consumer, by whether the poll was applied in one "
                        + "transaction or one by one")
                .tags("channel", "actuals", "applied", applied)
                .register(registry);
    }

    @Incoming("definitions")
    public Uni<Void> definition(Message<String> record) {
        return apply(record, () -> definitions.consume(record.getPayload()));
    }

    /**
     * A poll's worth of actuals, applied in one transaction and acknowledged together; when that transaction fails,
     * each record again alone (with its retries), so that a bad record goes to the dead-letter topic and its
     * neighbours are applied. A poll of one record takes the one-by-one path at once.
     */
    @Incoming("actuals")
    public Uni<Void> actuals(KafkaRecordBatch<String, String> batch) {
        return Uni.createFrom().deferred(() -> {
            if (!gate.enter()) {
                // stopping: never acknowledged, never dead-lettered, read again at the next start
                return Uni.createFrom().<Void>nothing();
            }
            CompletableFuture<Void> handled;
            try {
                handled = handle(batch);
            } finally {
                gate.exit();
            }
            if (handled == null) {
                // stopped part-way: the poll is read again at the next start, and what was applied is ignored then
                return Uni.createFrom().<Void>nothing();
            }
            // the offsets are committed only once every dead letter was acknowledged by the broker
            return Uni.createFrom().completionStage(handled.thenCompose(done -> batch.ack()));
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** Applies the poll; completes when its dead letters are written, or is {@code null} when stopped part-way. */
    private CompletableFuture<Void> handle(KafkaRecordBatch<String, String> batch) {
        int size = batch.getRecords().size();
        if (size < 2) {
            singlePolls.record(size);
        } else if (appliedTogether(batch)) {
            togetherPolls.record(size);
            return CompletableFuture.completedFuture(null);
        } else {
            oneByOnePolls.record(size);
        }
        return applyOneByOne(batch);
    }

    private boolean appliedTogether(KafkaRecordBatch<String, String> batch) {
        try {
            actuals.consumeAll(batch.getPayload());
            return true;
        } catch (Exception e) {
            LOG.warnf("A poll of %d actuals could not be applied together (%s); applying them one by one",
                    batch.getRecords().size(), e.getMessage());
            return false;
        }
    }

    /**
     * Each record alone, as {@link #definition} does; completes when the dead letters among them are written, or is
     * {@code null} when the service began to stop part-way (a record's retries may take seconds).
     */
    private CompletableFuture<Void> applyOneByOne(KafkaRecordBatch<String, String> batch) {
        List<CompletableFuture<Void>> deadLetters = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            if (gate.closing()) {
                return null;
            }
            try {
                actuals.consume(record.getPayload());
            } catch (Exception e) {
                deadLetters.add(record.nack(e).toCompletableFuture());
            }
        }
        return CompletableFuture.allOf(deadLetters.toArray(CompletableFuture[]::new));
    }

    private Uni<Void> apply(Message<String> record, RecordWork work) {
        return Uni.createFrom().deferred(() -> {
            if (!gate.enter()) {
                // stopping: never acknowledged, never dead-lettered, read again at the next start
                return Uni.createFrom().nothing();
            }
            try {
                work.run();
            } catch (Exception e) {
                return Uni.createFrom().completionStage(record.nack(e));
            } finally {
                gate.exit();
            }
            return Uni.createFrom().completionStage(record.ack());
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** Applying one record, which may fail. */
    @FunctionalInterface
    private interface RecordWork {
        void run() throws Exception;
    }
}
