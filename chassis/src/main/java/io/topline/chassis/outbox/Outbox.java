package io.topline.chassis.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Records an event in the caller's transaction; the relay publishes it once that transaction commits.
 *
 * <p>The whole publishing side of a service: it names the event's type, its Kafka record key (which keeps one
 * entity's events in order), its CloudEvents subject and data. The topic is the {@code outbox} channel's.
 * {@link #appendLatest} writes many events in one statement, for a transaction that announces hundreds of changes,
 * and drops the waiting events its events make obsolete; {@link #batched} holds back what a unit of work appends and
 * writes it with one statement too.
 */
@ApplicationScoped
public class Outbox {

    private final EntityManager entityManager;
    private final ObjectMapper mapper;
    private final Event<OutboxEventAppended> appended;
    private final TransactionSynchronizationRegistry transactions;
    /** The {@link #batched} unit of work running on this thread, with what it has appended so far; null outside one. */
    private final ThreadLocal<Held> held = new ThreadLocal<>();

    /** A batched unit's transaction and its events held back: only appends in that transaction join them. */
    private record Held(Object transaction, List<OutboxEvent> events) {
    }

    /*
     * One statement for any number of events: per-event persists cost a round trip each (the identity column makes
     * Hibernate insert at once), which was most of a 400-event transaction's time. WITH ORDINALITY keeps the ids in
     * the order given, so the relay publishes them in that order.
     */
    private static final String INSERT_ALL = """
            INSERT INTO outbox_event (event_id, event_type, record_key, subject, payload, occurred_at)
            SELECT i, t, k, s, p, o::timestamptz
                FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                WITH ORDINALITY AS e(i, t, k, s, p, o, n)
            ORDER BY n""";

    /*
     * appendLatest: the pending events of the same keys go in the same statement. SKIP LOCKED passes over the rows the
     * relay is deleting (it published them) or another writer is replacing, so a writer never waits for the relay and
     * the two cannot deadlock; a row passed over is simply published too. The DELETE does not see the rows the INSERT
     * adds (one snapshot for the whole statement).
     */
    private static final String REPLACE_KEYS = """
            WITH replaced AS (
                DELETE FROM outbox_event WHERE id IN (
                    SELECT id FROM outbox_event WHERE record_key = ANY(?::text[]) FOR UPDATE SKIP LOCKED))
            """;

    public Outbox(EntityManager entityManager, ObjectMapper mapper, Event<OutboxEventAppended> appended,
                  TransactionSynchronizationRegistry transactions) {
        this.entityManager = entityManager;
        this.mapper = mapper;
        this.appended = appended;
        this.transactions = transactions;
    }

    /**
     * Appends an event of {@code type} whose Kafka record key is {@code key}.
     *
     * @param data the CloudEvent {@code data}, serialized as JSON now so that later changes cannot alter it
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public OutboxEvent append(String type, String key, String subject, Object data, Instant occurredAt) {
        OutboxEvent event = new OutboxEvent(type, key, subject, serialize(type, data), occurredAt);
        List<OutboxEvent> batch = heldInThisTransaction();
        if (batch != null) {
            batch.add(event);
            return event;
        }
        entityManager.persist(event);
        appended.fire(new OutboxEventAppended(event.eventId()));
        return event;
    }

    /**
     * Runs {@code work} in the caller's transaction with the events it {@link #append}s held back, and writes them,
     * in the order appended, with one statement once it returns (the relay is woken once). Within the work, an
     * appended event has its event id but no row yet. Inside another batched unit, its events join the outer one's;
     * an append in another transaction (one the work starts anew) is written at once, in that transaction, and
     * {@link #appendLatest} first writes what is held, so that the order stays the order appended.
     */
    // An identity id is inserted at persist, and Hibernate first executes every insert it has queued: one append per
    // firing kept the closing job's thousands of rows from reaching the database in JDBC batches. The ids are still
    // drawn in the order appended, which is what keeps one record key's events in order for the relay.
    @Transactional(Transactional.TxType.MANDATORY)
    public void batched(Runnable work) {
        if (heldInThisTransaction() != null) {
            work.run();
            return;
        }
        Held outer = held.get();
        List<OutboxEvent> batch = new ArrayList<>();
        held.set(new Held(transactions.getTransactionKey(), batch));
        try {
            work.run();
        } finally {
            if (outer == null) {
                held.remove();
            } else {
                held.set(outer);
            }
        }
        if (!batch.isEmpty()) {
            insertAll(batch, "");
            appended.fire(new OutboxEventAppended(batch.get(batch.size() - 1).eventId()));
        }
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

    /** The events held back for the current transaction by a {@link #batched} unit, or null. */
    private List<OutboxEvent> heldInThisTransaction() {
        Held batch = held.get();
        return batch != null && batch.transaction().equals(transactions.getTransactionKey()) ? batch.events() : null;
    }

    private void replaceAll(List<NewEvent> events, Instant occurredAt) {
        if (events.isEmpty()) {
            return;
        }
        List<OutboxEvent> batch = heldInThisTransaction();
        if (batch != null && !batch.isEmpty()) {
            // what the unit appended before comes first, and the statement below replaces it as it would a row
            insertAll(List.copyOf(batch), "");
            batch.clear();
        }
        List<OutboxEvent> rows = events.stream().map(event -> new OutboxEvent(event.type(), event.key(),
                event.subject(), serialize(event.type(), event.data()), occurredAt)).toList();
        insertAll(rows, REPLACE_KEYS);
        appended.fire(new OutboxEventAppended(rows.get(rows.size() - 1).eventId()));
    }

    /** Inserts {@code rows} in their order with one statement, after {@code prefix} (which takes their keys). */
    private void insertAll(List<OutboxEvent> rows, String prefix) {
        int n = rows.size();
        String[] ids = new String[n];
        String[] types = new String[n];
        String[] keys = new String[n];
        String[] subjects = new String[n];
        String[] payloads = new String[n];
        String[] occurred = new String[n];
        for (int i = 0; i < n; i++) {
            OutboxEvent row = rows.get(i);
            ids[i] = row.eventId().toString();
            types[i] = row.type();
            keys[i] = row.key();
            subjects[i] = row.subject();
            payloads[i] = row.payload();
            occurred[i] = row.occurredAt().toString();
        }
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(prefix + INSERT_ALL)) {
                int p = 1;
                if (!prefix.isEmpty()) {
                    statement.setArray(p++, connection.createArrayOf("text", keys));
                }
                for (String[] column : List.of(ids, types, keys, subjects, payloads, occurred)) {
                    statement.setArray(p++, connection.createArrayOf("text", column));
                }
                statement.executeUpdate();
            }
        });
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
