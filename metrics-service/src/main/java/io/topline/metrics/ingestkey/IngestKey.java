package io.topline.metrics.ingestkey;

import io.topline.chassis.problem.ProblemException;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** A key one source system posts measurements with, scoped to measures; it keeps only its secret's hash. */
@Entity
@Table(name = "ingest_key")
public class IngestKey {

    @Id
    private UUID id;
    @Column(nullable = false, updatable = false)
    private String source;
    private String description;
    /** The secret's first characters, so that people can tell keys apart in a list without seeing the secret. */
    @Column(nullable = false, updatable = false)
    private String prefix;
    @Column(name = "secret_hash", nullable = false, updatable = false)
    private String secretHash;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "ingest_key_measure", joinColumns = @JoinColumn(name = "key_id"))
    @Column(name = "measure_key")
    @OrderBy
    private List<String> measures = new ArrayList<>();
    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "revoked_by")
    private String revokedBy;
    @Column(name = "revoked_at")
    private Instant revokedAt;
    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    protected IngestKey() {
    }

    public IngestKey(String source, String description, List<String> measures, String prefix, String secretHash,
                     String createdBy, Instant now) {
        this.id = UUID.randomUUID();
        this.source = Objects.requireNonNull(source);
        this.description = description;
        this.measures.addAll(measures.stream().distinct().sorted().toList());
        this.prefix = prefix;
        this.secretHash = secretHash;
        this.createdBy = createdBy;
        this.createdAt = now;
    }

    /** Revokes the key for good: requests with it are refused from now on (within the verification cache's age). */
    public void revoke(String by, Instant now) {
        if (revokedAt != null) {
            throw ProblemException.conflict("revoked", "Ingest key " + id + " was already revoked at " + revokedAt);
        }
        revokedBy = by;
        revokedAt = now;
    }

    /** The key was used at {@code at}; kept only when later than what is known. */
    public void used(Instant at) {
        if (lastUsedAt == null || at.isAfter(lastUsedAt)) {
            lastUsedAt = at;
        }
    }

    public boolean revoked() {
        return revokedAt != null;
    }

    public UUID id() {
        return id;
    }

    public String source() {
        return source;
    }

    public String description() {
        return description;
    }

    public String prefix() {
        return prefix;
    }

    public List<String> measures() {
        return List.copyOf(measures);
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String revokedBy() {
        return revokedBy;
    }

    public Instant revokedAt() {
        return revokedAt;
    }

    public Instant lastUsedAt() {
        return lastUsedAt;
    }
}
