package io.topline.alerts.catalog;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.topline.alerts.lifecycle.ShutdownGate;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The incoming channels of the catalog: each record is applied on a worker thread by its consumer (with its retries)
 * and acknowledged, or dead-lettered when it cannot be applied.
 *
 * <p>A record that arrives while the service stops is neither: it is left unacknowledged, so its offset is not
 * committed and the next start reads it again (the consumers are idempotent by revision).
 */
@ApplicationScoped
public class CatalogChannels {

    private final DefinitionsConsumer definitions;
    private final ActualsConsumer actuals;
    private final ShutdownGate gate;

    public CatalogChannels(DefinitionsConsumer definitions, ActualsConsumer actuals, ShutdownGate gate) {
        this.definitions = definitions;
        this.actuals = actuals;
        this.gate = gate;
    }

    @Incoming("definitions")
    public Uni<Void> definition(Message<String> record) {
        return apply(record, () -> definitions.consume(record.getPayload()));
    }

    @Incoming("actuals")
    public Uni<Void> actual(Message<String> record) {
        return apply(record, () -> actuals.consume(record.getPayload()));
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
