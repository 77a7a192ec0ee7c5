package io.topline.chassis.outbox;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Publishes outbox events to the {@code outbox} channel (or the topic configured for their type) in commit order,
 * deleting each event only after the broker acknowledged it.
 *
 * <p>A commit wakes the relay at once; a timer catches anything else (a restart). Replicas take turns by an advisory
 * lock: a relay woken while another replica holds it tries again within milliseconds, not at its next poll, so that
 * its rows do not wait for the poll interval when the other's round missed them. A burst of commits is gathered for
 * {@code linger} only once the relay is already busy (its last drain published more than one event); a single commit
 * on a quiet relay is published at once. While the broker is unreachable the round fails and the relay retries with
 * backoff, so an acknowledged write is never lost. A round that fails part-way deletes the events the broker did
 * acknowledge before it backs off, so they are not published again. In order ({@code IN_ORDER}), each acknowledged
 * event is deleted in its own transaction before the next is sent, so a relay killed mid-round leaves only the event
 * in flight; an event is published twice only if the process or the database fails between the broker's
 * acknowledgement and that delete's commit, and then with the same CloudEvent id, which consumers drop.
 */
@ApplicationScoped
public class OutboxRelay {

    /** The channel every service configures with its topic; the chassis sets its producer defaults. */
    public static final String CHANNEL = "outbox";

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** The first pause before a relay that found the lock held tries again; it doubles up to the poll interval. */
    private static final Duration LOCK_RETRY_FIRST = Duration.ofMillis(5);
    /** The record header of a structured CloudEvent (the Kafka protocol binding's content mode). */
    private static final byte[] STRUCTURED = "application/cloudevents+json; charset=UTF-8"
            .getBytes(StandardCharsets.UTF_8);

    private final OutboxEvents events;
    private final MutinyEmitter<String> emitter;
    private final OutboxConfig config;
    private final JsonFactory json;
    private final Semaphore wakeUp = new Semaphore(0);
    private ExecutorService worker;
    private volatile boolean running;
    private volatile Throwable died;
    /** Touched by the relay's thread only: whether the last drain published more than one event (a burst). */
    private boolean busy;

    public OutboxRelay(OutboxEvents events, @Channel(CHANNEL) MutinyEmitter<String> emitter, OutboxConfig config,
                       ObjectMapper mapper) {
        this.events = events;
        this.emitter = emitter;
        this.config = config;
        this.json = mapper.getFactory();
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
            worker.awaitTermination(config.sendTimeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void onAppended(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.OutboxEventAppended event) {
        wakeUp.release();
    }

    /** What ended the relay's loop other than a shutdown, or {@code null} while it works. */
    public Throwable died() {
        return died;
    }

    private void loop() {
        try {
            Duration backoff = Duration.ZERO;
            while (running) {
                awaitWork(backoff);
                backoff = drain(backoff);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            // an Error: the relay cannot go on, and health says so instead of the events silently piling up
            died = e;
            LOG.error("Outbox relay stopped", e);
        }
    }

    private void awaitWork(Duration backoff) throws InterruptedException {
        if (!backoff.isZero()) {
            Thread.sleep(backoff.toMillis());
        } else if (wakeUp.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS)
                && busy && !config.linger().isZero()) {
            // in a burst, let the commits of the next few milliseconds join this round: one relay transaction (and
            // one fsync) per burst instead of one per request transaction; a lone commit does not wait
            Thread.sleep(config.linger().toMillis());
        }
        wakeUp.drainPermits();
    }

    /** Publishes full rounds until the table is drained; returns the backoff before the next attempt. */
    private Duration drain(Duration backoff) throws InterruptedException {
        try {
            int published = 0;
            long lockWait = LOCK_RETRY_FIRST.toMillis();
            while (running) {
                Round round = publishRoundUnlessLocked();
                if (round == Round.LOCKED) {
                    // another replica is publishing: its round may have read the table before this replica's commit
                    Thread.sleep(lockWait);
                    lockWait = Math.min(lockWait * 2, config.pollInterval().toMillis());
                    continue;
                }
                if (round.acknowledged().isEmpty()) {
                    break;
                }
                published += round.acknowledged().size();
            }
            busy = published > 1;
            return Duration.ZERO;
        } catch (RuntimeException e) {
            Duration next = backoff.isZero() ? Duration.ofMillis(200) : backoff.multipliedBy(2);
            next = next.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : next;
            LOG.warnf("Outbox relay could not publish (%s); retrying in %d ms", e.getMessage(), next.toMillis());
            return next;
        }
    }

    /**
     * Publishes one round and returns how many events it published; a failed send throws after the events
     * acknowledged before it are deleted.
     */
    int publishRound() {
        return publishRoundUnlessLocked().acknowledged().size();
    }

    /** One round; {@link Round#LOCKED} when another replica's relay holds the lock. */
    private Round publishRoundUnlessLocked() {
        Round round = QuarkusTransaction.requiringNew()
                .timeout((int) config.sendTimeout().toSeconds() + 30)
                .call(() -> {
                    if (!events.tryLockRelay()) {
                        return Round.LOCKED;
                    }
                    List<OutboxEvent> batch = events.oldest(config.batchSize());
                    if (batch.isEmpty()) {
                        return Round.NOTHING;
                    }
                    // sent with the transaction suspended: context propagation would otherwise carry it to the
                    // producer's callback threads, and a commit that finds them still inside it fails after the
                    // broker acknowledged, so the round would be published again
                    Round sent = QuarkusTransaction.suspendingExisting().call(() -> send(batch));
                    if (!sent.acknowledged().isEmpty()) {
                        events.delete(sent.acknowledged());
                    }
                    return sent;
                });
        if (round.failure() != null) {
            throw round.failure();
        }
        return round;
    }

    private Round send(List<OutboxEvent> batch) {
        return config.sendMode() == OutboxConfig.SendMode.IN_ORDER ? sendInOrder(batch) : sendPipelined(batch);
    }

    private Round sendInOrder(List<OutboxEvent> batch) {
        List<Long> acknowledged = new ArrayList<>(batch.size());
        for (OutboxEvent event : batch) {
            try {
                awaitAck(emitter.sendMessage(toMessage(event)).subscribeAsCompletionStage(), config.sendTimeout());
                acknowledged.add(event.id());
                deleteAtOnce(event.id());
            } catch (RuntimeException e) {
                // the rest waits for the next round, so that the order per key holds
                return new Round(acknowledged, e);
            }
        }
        return new Round(acknowledged, null);
    }

    /**
     * Deletes an acknowledged event in a transaction of its own, before the next is sent: a relay killed in the middle
     * of a round leaves at most the event in flight to be published again, not every event the round had sent (the
     * other replica's relay publishes what the killed one did not delete). If this delete fails, the round's own
     * delete at its end tries again.
     */
    // A burst (a poll of actuals, a batch of the closing job) commits many transitions at once, so rounds grew; with
    // the deletes only at a round's end, a SIGKILL mid-round had the survivor publish the round's sent events again.
    private void deleteAtOnce(long id) {
        try {
            QuarkusTransaction.requiringNew().run(() -> events.delete(List.of(id)));
        } catch (RuntimeException e) {
            LOG.debugf("Outbox event %d acknowledged, not deleted yet (%s): the round deletes it", id, e.getMessage());
        }
    }

    private Round sendPipelined(List<OutboxEvent> batch) {
        List<CompletableFuture<Void>> acks = new ArrayList<>(batch.size());
        for (OutboxEvent event : batch) {
            acks.add(emitter.sendMessage(toMessage(event)).subscribeAsCompletionStage());
        }
        // every send is awaited, even after one failed: an event acknowledged late is still deleted, not resent
        long deadline = System.nanoTime() + config.sendTimeout().toNanos();
        List<Long> acknowledged = new ArrayList<>(batch.size());
        RuntimeException failure = null;
        for (int i = 0; i < batch.size(); i++) {
            try {
                awaitAck(acks.get(i), Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                acknowledged.add(batch.get(i).id());
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        return new Round(acknowledged, failure);
    }

    private void awaitAck(CompletableFuture<Void> ack, Duration timeout) {
        try {
            ack.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the broker acknowledged", e);
        } catch (Exception e) {
            throw new IllegalStateException("The broker did not acknowledge: " + e.getMessage(), e);
        }
    }

    /**
     * The event as a structured CloudEvent record. The envelope is written around the data as the outbox row holds
     * it, byte for byte: the data was serialized once, in the writing transaction, and parsing it back into a map and
     * a {@code JsonObject} for the connector to write again took more of metrics-service's CPU than storing the
     * measurements (the relay 40 % of its samples under realistic ingestion, most of it those JSON round trips, the
     * connector's cloud-event helper and its context propagation).
     */
    private Message<String> toMessage(OutboxEvent event) {
        OutgoingKafkaRecordMetadata.OutgoingKafkaRecordMetadataBuilder<String> record =
                OutgoingKafkaRecordMetadata.<String>builder().withKey(event.key())
                        .withHeaders(List.of(new RecordHeader("content-type", STRUCTURED)));
        String topic = config.topics().get(event.type());
        if (topic != null) {
            record.withTopic(topic);
        }
        return Message.of(envelope(event), Metadata.of(record.build()));
    }

    /** The CloudEvents 1.0 structured JSON of the event, its {@code data} the stored payload as it is. */
    String envelope(OutboxEvent event) {
        StringWriter out = new StringWriter(event.payload().length() + 320);
        try (JsonGenerator generator = json.createGenerator(out)) {
            generator.writeStartObject();
            generator.writeStringField("specversion", "1.0");
            generator.writeStringField("id", event.eventId().toString());
            generator.writeStringField("source", config.source());
            generator.writeStringField("type", event.type());
            if (event.subject() != null) {
                generator.writeStringField("subject", event.subject());
            }
            generator.writeStringField("time", event.occurredAt().toString());
            generator.writeStringField("datacontenttype", "application/json");
            generator.writeFieldName("data");
            generator.writeRawValue(event.payload());
            generator.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("Outbox event " + event.eventId() + " could not be written", e);
        }
        return out.toString();
    }

    /** What one round's sends achieved: the ids the broker acknowledged, and what stopped the rest. */
    private record Round(List<Long> acknowledged, RuntimeException failure) {
        static final Round NOTHING = new Round(List.of(), null);
        /** Compared by identity: the round found another replica's relay holding the lock. */
        static final Round LOCKED = new Round(List.of(), null);
    }
}
