package io.topline.alerts.stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.topline.alerts.alert.AlertEventData;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The live stream of alert transitions, fed from topline.alerts so that every replica streams every transition,
 * whichever replica committed it. It keeps a window of recent events for clients resuming with
 * {@code Last-Event-ID}, and a bounded backlog per client so that a slow client never holds the others up.
 */
// Each replica reads the topic in a consumer group of its own (a fresh id per start), from the end, committing
// nothing: it wants every transition from now on, not a share of them, and nothing to resume after a restart (the
// window of a new process starts empty; a client resuming from an older id gets a reset). Within a process,
// StreamAssignment resumes each partition where the stream left it when a rebalance or a broker restart hands it back.
@ApplicationScoped
public class AlertStream {

    private static final Logger LOG = Logger.getLogger(AlertStream.class);

    private final StreamConfig config;
    private final StreamAssignment assignment;
    private final ObjectMapper reader;
    private final Object lock = new Object();
    /** Guarded by {@link #lock}, like {@link #subscribers}. */
    private final RecentEvents window;
    private final List<Subscriber> subscribers = new ArrayList<>();

    public AlertStream(StreamConfig config, ObjectMapper mapper,
                       @Identifier("alert-stream") StreamAssignment assignment) {
        this.config = config;
        this.assignment = assignment;
        // a newer producer may add fields: the stream passes on what it knows
        this.reader = mapper.copy().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        this.window = new RecentEvents(config.windowSize(), config.windowAge().toNanos(), System::nanoTime);
    }

    /**
     * One record of topline.alerts (a structured CloudEvent); one that is not an alert event, or that the stream
     * already took before a rebalance sought its partition back, is skipped.
     */
    @Incoming("alert-stream")
    public void onRecord(ConsumerRecord<String, String> record) {
        String value = record.value();
        if (value == null || !assignment.take(new TopicPartition(record.topic(), record.partition()), record.offset())) {
            return;
        }
        try {
            JsonNode event = reader.readTree(value);
            String type = event.path("type").asText();
            if (!type.startsWith("topline.alert.")) {
                return;
            }
            publish(StreamEvent.transition(event.path("id").asText(), type,
                    reader.treeToValue(event.path("data"), AlertEventData.class)));
        } catch (Exception e) {
            // the stream is a view: a record it cannot read is skipped, never retried or dead-lettered
            LOG.warnf("Skipping a topline.alerts record the stream cannot read: %s", e.getMessage());
        }
    }

    /** Adds an event to the window and hands it to every client. */
    void publish(StreamEvent event) {
        synchronized (lock) {
            window.add(event);
            subscribers.removeIf(subscriber -> !subscriber.offer(event));
        }
    }

    /**
     * The events for one client: those after {@code lastEventId} (null: none) from the window, then every new one. A
     * {@code lastEventId} no longer in the window starts the stream with a {@code reset} event.
     */
    public Multi<StreamEvent> subscribe(String lastEventId) {
        Subscriber[] holder = new Subscriber[1];
        Multi<StreamEvent> events = Multi.createFrom().<StreamEvent>emitter(emitter -> {
            synchronized (lock) {
                List<StreamEvent> backlog = backlog(lastEventId);
                Subscriber subscriber = new Subscriber(emitter, config.subscriberBuffer() + backlog.size());
                holder[0] = subscriber;
                backlog.forEach(subscriber::offer);
                // a client that went away is removed at the next event, by the same loop that hands it out
                subscribers.add(subscriber);
            }
        }, BackPressureStrategy.BUFFER);
        // counted out as the client's side takes them: what is buffered here is what it has not taken yet
        return events.onItem().invoke(event -> holder[0].taken());
    }

    /** How many clients are connected. */
    public int subscriberCount() {
        synchronized (lock) {
            subscribers.removeIf(Subscriber::gone);
            return subscribers.size();
        }
    }

    /** Ends every client's stream: the service is stopping. */
    public void closeAll() {
        synchronized (lock) {
            subscribers.forEach(Subscriber::complete);
            subscribers.clear();
        }
    }

    private List<StreamEvent> backlog(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return List.of();
        }
        Optional<List<StreamEvent>> missed = window.after(lastEventId);
        if (missed.isEmpty()) {
            return List.of(StreamEvent.reset(lastEventId));
        }
        return missed.get();
    }
}
