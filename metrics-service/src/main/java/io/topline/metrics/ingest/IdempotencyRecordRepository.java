package io.topline.metrics.ingest;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/**
 * Stored Idempotency-Key records.
 *
 * <p>A claim is identified by its key and the instant it was made ({@code created_at}), so that a request whose claim
 * was taken over by a retry can tell, and its late writes change nothing. While a request runs, its own transaction
 * holds the record with {@code FOR KEY SHARE}: that lock, not a timer, says the request is alive. It lets the work's
 * transaction update the record (an update of non-key columns does not conflict with it) and stops a retry's
 * {@code FOR UPDATE SKIP LOCKED} probe; it vanishes with the connection when the request or the database dies.
 */
@ApplicationScoped
public class IdempotencyRecordRepository implements PanacheRepositoryBase<IdempotencyRecord, IdempotencyRecord.Key> {

    /** Inserts an in-flight record unless one exists; returns whether this call created it. */
    public boolean claim(String principal, String key, String fingerprint, Instant now) {
        return getEntityManager().createNativeQuery("""
                        INSERT INTO idempotency_record (principal, idempotency_key, fingerprint, created_at)
                        VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING""")
                .setParameter(1, principal).setParameter(2, key).setParameter(3, fingerprint).setParameter(4, now)
                .executeUpdate() == 1;
    }

    /** The record, locked for this transaction; null when there is none or a running request holds it. */
    public IdempotencyRecord lockUnlessHeld(String principal, String key) {
        @SuppressWarnings("unchecked")
        List<IdempotencyRecord> found = getEntityManager().createNativeQuery("""
                        SELECT * FROM idempotency_record WHERE principal = ?1 AND idempotency_key = ?2
                        FOR UPDATE SKIP LOCKED""", IdempotencyRecord.class)
                .setParameter(1, principal).setParameter(2, key)
                .getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    /** The record as committed, without waiting for any lock. */
    public IdempotencyRecord read(String principal, String key) {
        return findById(new IdempotencyRecord.Key(principal, key));
    }

    /**
     * Holds the claim made at {@code claimedAt} for the rest of this transaction (the request is alive); false when it
     * is no longer this request's (a retry took it over) or already complete.
     */
    public boolean hold(String principal, String key, Instant claimedAt) {
        return !getEntityManager().createNativeQuery("""
                        SELECT 1 FROM idempotency_record WHERE principal = ?1 AND idempotency_key = ?2
                        AND created_at = ?3 AND completed_at IS NULL FOR KEY SHARE""")
                .setParameter(1, principal).setParameter(2, key).setParameter(3, claimedAt)
                .getResultList().isEmpty();
    }

    /** Starts the record afresh, for a key whose earlier request was abandoned or whose record expired. */
    public void restart(String principal, String key, String fingerprint, Instant now) {
        getEntityManager().createNativeQuery("""
                        UPDATE idempotency_record SET fingerprint = ?3, created_at = ?4, status = NULL, content_type = NULL,
                            body = NULL, completed_at = NULL WHERE principal = ?1 AND idempotency_key = ?2""")
                .setParameter(1, principal).setParameter(2, key).setParameter(3, fingerprint).setParameter(4, now)
                .executeUpdate();
    }

    /** Records the response of the claim made at {@code claimedAt}; false when that claim is no longer in flight. */
    public boolean complete(String principal, String key, Instant claimedAt, int status, String contentType, String body,
                            Instant now) {
        return getEntityManager().createNativeQuery("""
                        UPDATE idempotency_record SET status = ?4, content_type = ?5, body = ?6, completed_at = ?7
                        WHERE principal = ?1 AND idempotency_key = ?2 AND created_at = ?3 AND completed_at IS NULL""")
                .setParameter(1, principal).setParameter(2, key).setParameter(3, claimedAt).setParameter(4, status)
                .setParameter(5, contentType).setParameter(6, body).setParameter(7, now)
                .executeUpdate() == 1;
    }

    /** Frees the key of the claim made at {@code claimedAt}, unless it completed or a retry took it over. */
    public void release(String principal, String key, Instant claimedAt) {
        getEntityManager().createNativeQuery("""
                        DELETE FROM idempotency_record WHERE principal = ?1 AND idempotency_key = ?2
                        AND created_at = ?3 AND completed_at IS NULL""")
                .setParameter(1, principal).setParameter(2, key).setParameter(3, claimedAt)
                .executeUpdate();
    }
}
