package io.topline.chassis.outbox;

import io.topline.chassis.db.AdvisoryLocks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.List;

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

    /** Deletes by id, not by range: a row with a lower id may commit after a round read the table. */
    public void delete(List<Long> ids) {
        entityManager.createQuery("delete from OutboxEvent where id in :ids")
                .setParameter("ids", ids)
                .executeUpdate();
    }
}
