package io.topline.metrics.outbox;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Pending outbox events, oldest first. */
@ApplicationScoped
public class OutboxEventRepository implements PanacheRepository<OutboxEvent> {

    /** Arbitrary constant naming this service's relay lock in PostgreSQL's advisory lock space. */
    private static final long RELAY_LOCK = 7_410_002L;

    /** Takes the relay lock for the current transaction, so that one relay at a time publishes, in order. */
    public boolean tryLockRelay() {
        return (Boolean) getEntityManager()
                .createNativeQuery("select pg_try_advisory_xact_lock(:lock)")
                .setParameter("lock", RELAY_LOCK)
                .getSingleResult();
    }

    public List<OutboxEvent> oldest(int limit) {
        return find("order by id").page(0, limit).list();
    }

    public long pending() {
        return count();
    }
}
