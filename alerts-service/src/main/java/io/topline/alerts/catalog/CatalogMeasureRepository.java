package io.topline.alerts.catalog;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.topline.alerts.period.Cadence;
import io.topline.chassis.db.AdvisoryLocks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Measures of the read model. */
@ApplicationScoped
public class CatalogMeasureRepository implements PanacheRepositoryBase<CatalogMeasure, String> {

    private final AdvisoryLocks locks;

    public CatalogMeasureRepository(AdvisoryLocks locks) {
        this.locks = locks;
    }

    /**
     * Locks the measure for the rest of the transaction. Every change to a measure's evaluations and alerts takes
     * this lock first, so the consumers, the scheduler and on-call requests never race on one measure.
     */
    public Optional<CatalogMeasure> lock(String key) {
        // an advisory lock on the key also covers a measure not known yet, whose actuals may arrive first
        locks.lockForTransaction("measure:" + key);
        return findByIdOptional(key, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * Locks several measures as {@link #lock} does, in key order (every caller that locks several does, so two of
     * them never deadlock), and returns those the catalog knows, in key order, with their targets.
     */
    public List<CatalogMeasure> lockAll(Collection<String> keys) {
        List<String> sorted = keys.stream().distinct().sorted().toList();
        locks.lockAllForTransaction(sorted.stream().map(key -> "measure:" + key).toList());
        getEntityManager()
                .createNativeQuery("select key from catalog_measure where key in (:keys) order by key for update")
                .setParameter("keys", sorted).getResultList();
        // one query with the targets: the collection is eager, and without the fetch it would be one select per measure
        return getEntityManager().createQuery("select distinct m from CatalogMeasure m left join fetch m.targets "
                        + "where m.key in :keys order by m.key", CatalogMeasure.class)
                .setParameter("keys", sorted).getResultList();
    }

    public List<String> activeKeysWithTargets() {
        return getEntityManager().createQuery(
                "select distinct m.key from CatalogMeasure m join m.targets t where m.archived = false order by m.key",
                String.class).getResultList();
    }

    /**
     * The active measures with a heartbeat whose source has been silent past it at {@code now} and that have no open
     * STALE alert: the heartbeat check's candidates, judged again under each one's lock.
     */
    @SuppressWarnings("unchecked")
    public List<String> overdueHeartbeats(Instant now) {
        return getEntityManager().createNativeQuery("select m.key from catalog_measure m "
                        + "where m.expected_every_seconds is not null and not m.archived "
                        + "and greatest(m.last_heard_at, m.heartbeat_since) "
                        + "+ m.expected_every_seconds * interval '1 second' <= :now "
                        + "and not exists (select 1 from alert a where a.measure_key = m.key and a.kind = 'STALE' "
                        + "and a.state <> 'RESOLVED') order by m.key")
                .setParameter("now", now)
                .getResultList();
    }

    public List<CatalogMeasure> activeOfCadence(Cadence cadence) {
        return find("select distinct m from CatalogMeasure m left join fetch m.targets "
                + "where m.archived = false and m.cadence = ?1", cadence).list();
    }
}
