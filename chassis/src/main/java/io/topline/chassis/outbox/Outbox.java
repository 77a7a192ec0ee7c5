package io.topline.chassis.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Records an event in the caller's transaction; the relay publishes it once that transaction commits.
 *
 * <p>The whole publishing side of a service: it names the event's type, its Kafka record key (which keeps one
 * entity's events in order), its CloudEvents subject and data. The topic is the {@code outbox} channel's.
 * {@link #appendLatest} writes many events in one statement, for a transaction that announces hundreds of changes,
 * and drops the waiting events its events make obsolete.
 */
@ApplicationScoped
public class Outbox {

    private final EntityManager entityManager;
    private final ObjectMapper mapper;
    private final Event<OutboxEventAppended> appended;

    /*
     * One statement for any number of events: per-event persists cost a round trip each (the identity column makes
     * Hibernate insert at once), which was most of a 400-event transaction's time. WITH ORDINALITY keeps the ids in
     * the order given, so the relay publishes them in that order.
     */
    private static final String INSERT_ALL = """
            INSERT INTO outbox_event (event_id, event_type, record_key, subject, payload, occurred_at)
            SELECT i, t, k, s, p, ? FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[])
                WITH ORDINALITY AS e(i, t, k, s, p, n)
            ORDER BY n""";

    /*
     * appendLatest: the pending events of the same keys go in the same statement. SKIP LOCKED passes over the rows the
     * relay is deleting (it published them) or another writer is replacing, so a writer never waits for the relay and
     * the two cannot deadlock; a row passed over is simply published too. The DELETE does not see the rows the INSERT
     * adds (one snapshot for the whole statement).
     */
    private static final String REPLACE_ALL = """
            WITH replaced AS (
                DELETE FROM outbox_event WHERE id IN (
                    SELECT id FROM outbox_event WHERE record_key = ANY(?::text[]) FOR UPDATE SKIP LOCKED))
            """ + INSERT_ALL;

    public Outbox(EntityManager entityManager, ObjectMapper mapper, Event<OutboxEventAppended> appended) {
        this.entityManager = entityManager;
        this.mapper = mapper;
        this.appended = appended;
    }

    /**
     * Appends an event of {@code type} whose Kafka record key is {@code key}.
     *
     * @param data the CloudEvent {@code data}, serialized as JSON now so that later changes cannot alter it
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public OutboxEvent append(String type, String key, String subject, Object data, Instant occurredAt) {
        OutboxEvent event = new OutboxEvent(type, key, subject, serialize(type, data), occurredAt);
        entityManager.persist(event);
        appended.fire(new OutboxEventAppended(event.eventId()));
        return event;
    }

    /** An event for {@link #appendLatest}: its type, Kafka record key, CloudEvents subject and data. */
    public record NewEvent(String type, String key, String subject, Object data) {
        public NewEvent {
            Objects.requireNonNull(type);
            Objects.requireNonNull(key);
            Objects.requireNonNull(subject);
            Objects.requireNonNull(data);
        }
    }

    /**
     * Appends {@code events}, in their order, with one statement (the relay is woken once), each of which carries
     * its entity's whole state (state transfer, consumers keep the latest per key), and deletes the events of the
     * same record keys that still wait for the relay: they are out of date, and publishing them would only make
     * consumers catch up through states already gone. So when the relay falls behind a burst, the backlog shrinks to
     * one event per key instead of growing with every transaction; when it keeps up, nothing waits and nothing is
     * dropped.
     *
     * <p>The caller must serialise the transactions that change one key (a row lock on the entity, taken before this
     * call), so that every event replaced is older than the one replacing it. The outbox table wants an index on
     * {@code record_key} for this. A waiting event that the relay has already started to publish is kept and
     * published as well (the consumer sees both, in order).
     *
     * @param events at most one per record key
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void appendLatest(List<NewEvent> events, Instant occurredAt) {
        replaceAll(events, occurredAt);
    }

    private void replaceAll(List<NewEvent> events, Instant occurredAt) {
        if (events.isEmpty()) {
            return;
        }
        int n = events.size();
        String[] ids = new String[n];
        String[] types = new String[n];
        String[] keys = new String[n];
        String[] subjects = new String[n];
        String[] payloads = new String[n];
        for (int i = 0; i < n; i++) {
            NewEvent event = events.get(i);
            ids[i] = UUID.randomUUID().toString();
            types[i] = event.type();
            keys[i] = event.key();
            subjects[i] = event.subject();
            payloads[i] = serialize(event.type(), event.data());
        }
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(REPLACE_ALL)) {
                int p = 1;
                statement.setArray(p++, connection.createArrayOf("text", keys));
                statement.setTimestamp(p++, Timestamp.from(Objects.requireNonNull(occurredAt)));
                statement.setArray(p++, connection.createArrayOf("text", ids));
                statement.setArray(p++, connection.createArrayOf("text", types));
                statement.setArray(p++, connection.createArrayOf("text", keys));
                statement.setArray(p++, connection.createArrayOf("text", subjects));
                statement.setArray(p, connection.createArrayOf("text", payloads));
                statement.executeUpdate();
            }
        });
        appended.fire(new OutboxEventAppended(UUID.fromString(ids[n - 1])));
    }

    private String serialize(String type, Object data) {
        try {
            return mapper.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event data of " + type + " cannot be serialized", e);
        }
    }

    /** Fired when an event (or the last of {@link #appendLatest}'s) was appended; after commit, it wakes the relay. */
    public record OutboxEventAppended(UUID eventId) {
    }
}
