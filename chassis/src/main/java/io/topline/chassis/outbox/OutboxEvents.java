package io.topline.chassis.outbox;

import io.topline.chassis.db.AdvisoryLocks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Pending outbox events, oldest first, and the lock that lets one relay at a time publish them. */
@ApplicationScoped
public class OutboxEvents {

    /** Names the relay lock in PostgreSQL's advisory lock space; each service has its own database. */
    static final String RELAY_LOCK = "outbox-relay";

    private final EntityManager entityManager;
    private final AdvisoryLocks locks;

    public OutboxEvents(EntityManager entityManager, AdvisoryLocks locks) {
        this.entityManager = entityManager;
        this.locks = locks;
    }

    /** Takes the relay lock for the current transaction, so that one relay at a time publishes, in order. */
    public boolean tryLockRelay() {
        return locks.tryLockForTransaction(RELAY_LOCK);
    }

    public List<OutboxEvent> oldest(int limit) {
        return entityManager.createQuery("from OutboxEvent order by id", OutboxEvent.class)
                .setMaxResults(limit)
                .getResultList();
    }

    /** How many events wait, and when the oldest of them happened (empty when none waits): the relay's backlog. */
    public Backlog backlog() {
        Object[] row = (Object[]) entityManager
                .createQuery("select count(e), min(e.occurredAt) from OutboxEvent e")
                .getSingleResult();
        return new Backlog(((Number) row[0]).longValue(), Optional.ofNullable((Instant) row[1]));
    }

    /** The events waiting for the relay: their number and the time of the oldest. */
    public record Backlog(long events, Optional<Instant> oldest) {
    }

    /**
     * Deletes by id, not by range: a row with a lower id may commit after a round read the table. One statement with
     * the ids as an array: as an HQL in-list, each new number of ids was translated to SQL again, a fifth of the
     * relay's CPU under realistic ingestion.
     */
    public void delete(List<Long> ids) {
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "delete from outbox_event where id = any(?)")) {
                statement.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
                statement.executeUpdate();
            }
        });
    }
}
