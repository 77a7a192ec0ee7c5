package io.topline.metrics.ingest;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;

/** Stored Idempotency-Key records. */
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

    public IdempotencyRecord lock(String principal, String key) {
        return findById(new IdempotencyRecord.Key(principal, key), LockModeType.PESSIMISTIC_WRITE);
    }

    /** Starts the record afresh, for a key whose earlier request was abandoned or whose record expired. */
    public void restart(String principal, String key, String fingerprint, Instant now) {
        getEntityManager().createNativeQuery("""
                        UPDATE idempotency_record SET fingerprint = ?3, created_at = ?4, status = NULL, content_type = NULL,
                            body = NULL, completed_at = NULL WHERE principal = ?1 AND idempotency_key = ?2""")
                .setParameter(1, principal).setParameter(2, key).setParameter(3, fingerprint).setParameter(4, now)
                .executeUpdate();
    }

    public void complete(String principal, String key, int status, String contentType, String body, Instant now) {
        getEntityManager().createNativeQuery("""
                        UPDATE idempotency_record SET status = ?3, content_type = ?4, body = ?5, completed_at = ?6
                        WHERE principal = ?1 AND idempotency_key = ?2""")
                .setParameter(1, principal).setParameter(2, key).setParameter(3, status).setParameter(4, contentType)
                .setParameter(5, body).setParameter(6, now)
                .executeUpdate();
    }

    public void release(String principal, String key) {
        delete("principal = ?1 and idempotencyKey = ?2", principal, key);
    }

    public long purgeCreatedBefore(Instant cutoff) {
        return delete("createdAt < ?1", cutoff);
    }
}
