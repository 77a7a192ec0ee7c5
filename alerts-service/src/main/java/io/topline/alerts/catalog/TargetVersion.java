package io.topline.alerts.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.math.BigDecimal;
import java.time.Instant;

/** One immutable version of a measure's target, effective from a period of the measure's cadence. */
@Embeddable
public class TargetVersion {

    private int version;
    @Column(name = "effective_from")
    private String effectiveFrom;
    @Column(name = "success_level")
    private BigDecimal successLevel;
    @Column(name = "failure_level")
    private BigDecimal failureLevel;
    private String severity;
    private String note;
    @Column(name = "created_at")
    private Instant createdAt;

    protected TargetVersion() {
    }

    public TargetVersion(int version, String effectiveFrom, BigDecimal successLevel, BigDecimal failureLevel,
                         String severity, String note, Instant createdAt) {
        this.version = version;
        this.effectiveFrom = effectiveFrom;
        this.successLevel = successLevel;
        this.failureLevel = failureLevel;
        this.severity = severity;
        this.note = note;
        this.createdAt = createdAt;
    }

    public int version() {
        return version;
    }

    public String effectiveFrom() {
        return effectiveFrom;
    }

    public BigDecimal successLevel() {
        return successLevel;
    }

    public BigDecimal failureLevel() {
        return failureLevel;
    }

    public String severity() {
        return severity;
    }

    public String note() {
        return note;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
