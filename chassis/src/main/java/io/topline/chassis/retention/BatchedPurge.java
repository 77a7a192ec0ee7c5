package io.topline.chassis.retention;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.topline.chassis.db.AdvisoryLocks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * Deletes rows past their retention in bounded batches, each in its own short transaction, by one replica at a time.
 *
 * <p>Why batches: one {@code DELETE} of months of rows would hold its locks, bloat its transaction and compete with
 * ingestion for minutes; a batch of a few thousand rows takes milliseconds. Each batch takes the advisory lock
 * {@code purge:<name>} with a try: when another replica holds it, that replica is purging and this run stops.
 */
@ApplicationScoped
public class BatchedPurge {

    private static final Logger LOG = Logger.getLogger(BatchedPurge.class);

    private final AdvisoryLocks locks;
    private final EntityManager entityManager;
    private final PurgeConfig config;

    public BatchedPurge(AdvisoryLocks locks, EntityManager entityManager, PurgeConfig config) {
        this.locks = locks;
        this.entityManager = entityManager;
        this.config = config;
    }

    /**
     * Runs {@code deleteBatch} until it deletes less than a full batch (or another replica purges, or the run has
     * done {@link PurgeConfig#maxBatches()} batches).
     *
     * @param name        names the rule in the lock and the log, e.g. {@code measurements}
     * @param deleteBatch a native DELETE of at most {@code ?2} rows older than the instant {@code ?1}, e.g.
     *                    {@code DELETE FROM t WHERE id IN (SELECT id FROM t WHERE created_at < ?1 LIMIT ?2)}
     * @return the rows deleted
     */
    public long purge(String name, String deleteBatch, Instant cutoff) {
        long deleted = 0;
        for (int batch = 0; batch < config.maxBatches(); batch++) {
            int rows = QuarkusTransaction.requiringNew().call(() -> deleteOneBatch(name, deleteBatch, cutoff));
            if (rows < 0) {
                LOG.debugf("Purge %s: another replica is purging", name);
                break;
            }
            deleted += rows;
            if (rows < config.batchSize()) {
                break;
            }
            if (!pause()) {
                break;
            }
        }
        if (deleted > 0) {
            LOG.infof("Purge %s: deleted %d rows older than %s", name, deleted, cutoff);
        }
        return deleted;
    }

    /** The rows one batch deleted, or -1 when another replica holds the rule's lock. */
    private int deleteOneBatch(String name, String deleteBatch, Instant cutoff) {
        if (!locks.tryLockForTransaction("purge:" + name)) {
            return -1;
        }
        return entityManager.createNativeQuery(deleteBatch)
                .setParameter(1, cutoff)
                .setParameter(2, config.batchSize())
                .executeUpdate();
    }

    /** Waits between batches; false when the thread was interrupted (the service is stopping). */
    private boolean pause() {
        try {
            Thread.sleep(config.pause().toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
