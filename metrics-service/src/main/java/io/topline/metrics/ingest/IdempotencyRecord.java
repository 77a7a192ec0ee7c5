package io.topline.metrics.ingest;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** One caller's Idempotency-Key: the fingerprint of the request it first came with and, once done, the response. */
@Entity
@Table(name = "idempotency_record")
@IdClass(IdempotencyRecord.Key.class)
public class IdempotencyRecord {

    @Id
    private String principal;

    @Id
    @Column(name = "idempotency_key")
    private String idempotencyKey;

    @Column(nullable = false)
    private String fingerprint;

    private Integer status;

    @Column(name = "content_type")
    private String contentType;

    private String body;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "completed_at")
    private Instant completedAt;

    protected IdempotencyRecord() {
    }

    public String fingerprint() {
        return fingerprint;
    }

    public boolean completed() {
        return completedAt != null;
    }

    public Integer status() {
        return status;
    }

    public String contentType() {
        return contentType;
    }

    public String body() {
        return body;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** Composite identity: keys are unique per caller, as the IETF draft recommends. */
    public static class Key implements Serializable {
        private String principal;
        private String idempotencyKey;

        public Key() {
        }

        public Key(String principal, String idempotencyKey) {
            this.principal = principal;
            this.idempotencyKey = idempotencyKey;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && Objects.equals(principal, other.principal)
                    && Objects.equals(idempotencyKey, other.idempotencyKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(principal, idempotencyKey);
        }
    }
}
