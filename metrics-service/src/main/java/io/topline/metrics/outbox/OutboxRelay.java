package io.topline.metrics.outbox;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Publishes outbox events to Kafka in commit order, deleting each round only after the broker acknowledged it.
 *
 * <p>A commit wakes the relay at once; a timer catches anything else (a restart, another instance's rows).
 * While the broker is unreachable the round fails, nothing is deleted and the relay retries with backoff, so
 * an acknowledged write is never lost; a retried round may publish an event again, which consumers absorb.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final OutboxEventRepository repository;
    private final MutinyEmitter<JsonObject> emitter;
    private final OutboxConfig config;
    private final ObjectMapper reader;
    private final Semaphore wakeUp = new Semaphore(0);
    private ExecutorService worker;
    private volatile boolean running;

    public OutboxRelay(OutboxEventRepository repository, @Channel("actuals") MutinyEmitter<JsonObject> emitter,
                       OutboxConfig config, ObjectMapper mapper) {
        this.repository = repository;
        this.emitter = emitter;
        this.config = config;
        // decimals stay exact on their way from the outbox row to the record
        this.reader = mapper.copy().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    void start(@Observes StartupEvent event) {
        running = true;
        worker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "outbox-relay");
            thread.setDaemon(true);
            return thread;
        });
        worker.submit(this::loop);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        wakeUp.release();
        worker.shutdown();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void onAppended(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.OutboxEventAppended event) {
        wakeUp.release();
    }

    private void loop() {
        Duration backoff = Duration.ZERO;
        while (running) {
            try {
                if (backoff.isZero()) {
                    if (wakeUp.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS)
                            && !config.linger().isZero()) {
                        // let the commits of the next few milliseconds join this round: one relay transaction (and
                        // one fsync) per burst instead of one per request transaction, which under load competed
                        // with the requests for the CPU and the WAL
                        Thread.sleep(config.linger().toMillis());
                    }
                } else {
                    Thread.sleep(backoff.toMillis());
                }
                wakeUp.drainPermits();
                while (running && publishRound() > 0) {
                    // keep draining while rounds are full of work
                }
                backoff = Duration.ZERO;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                backoff = backoff.isZero() ? Duration.ofMillis(200) : backoff.multipliedBy(2);
                if (backoff.compareTo(config.maxBackoff()) > 0) {
                    backoff = config.maxBackoff();
                }
                LOG.warnf("Outbox relay could not publish (%s); retrying in %d ms", e.getMessage(), backoff.toMillis());
            }
        }
    }

    /** Publishes one round and returns how many events it published. */
    int publishRound() {
        return QuarkusTransaction.requiringNew()
                .timeout((int) config.sendTimeout().toSeconds() + 30)
                .call(() -> {
                    if (!repository.tryLockRelay()) {
                        return 0;
                    }
                    List<OutboxEvent> batch = repository.oldest(config.batchSize());
                    if (batch.isEmpty()) {
                        return 0;
                    }
                    // sent with the transaction suspended: context propagation would otherwise carry it to the
                    // producer's callback threads, and a commit that finds them still inside it fails after the
                    // broker acknowledged, so the round would be published again.
                    // All of a round at once, unlike the definitions relay: actuals are many, and an event that a
                    // failed round sends again after a later one is harmless because consumers keep the highest
                    // revision of each measure-period.
                    QuarkusTransaction.suspendingExisting().call(() -> {
                        List<CompletableFuture<Void>> acks = new ArrayList<>(batch.size());
                        for (OutboxEvent event : batch) {
                            acks.add(emitter.sendMessage(toMessage(event)).subscribeAsCompletionStage());
                        }
                        return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                                .get(config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
                    });
                    // by id, not by range: a row with a lower id may commit after this round read the table
                    repository.delete("id in ?1", batch.stream().map(OutboxEvent::id).toList());
                    return batch.size();
                });
    }

    private Message<JsonObject> toMessage(OutboxEvent event) throws java.io.IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> data = reader.readValue(event.payload(), Map.class);
        OutgoingCloudEventMetadata<Object> cloudEvent = OutgoingCloudEventMetadata.builder()
                .withId(event.eventId().toString())
                .withType(event.type())
                .withSource(URI.create(config.source()))
                .withSubject(event.subject())
                .withTimestamp(event.occurredAt().atZone(ZoneOffset.UTC))
                .build();
        OutgoingKafkaRecordMetadata<String> record = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(event.key())
                .build();
        return Message.of(new JsonObject(data), Metadata.of(cloudEvent, record));
    }
}
