package io.topline.drivers.target;

import io.topline.drivers.measure.Measure;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/** One immutable version of a measure's target, in effect from a period until a later one takes over. */
@Entity
@Table(name = "target")
public class Target {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "measure_id", nullable = false, updatable = false)
    private Measure measure;

    @Column(nullable = false, updatable = false)
    private int version;

    @Column(name = "effective_from", nullable = false, updatable = false)
    private String effectiveFrom;

    /** The first day of {@code effectiveFrom}, kept so that periods compare as dates. */
    @Column(name = "period_start", nullable = false, updatable = false)
    private LocalDate periodStart;

    @Column(name = "success_level", nullable = false, updatable = false)
    private BigDecimal successLevel;

    @Column(name = "failure_level", nullable = false, updatable = false)
    private BigDecimal failureLevel;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Severity severity;

    @Column(updatable = false)
    private String note;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected Target() {
    }

    public Target(Measure measure, int version, Period effectiveFrom, BigDecimal successLevel, BigDecimal failureLevel,
                  Severity severity, String note, Instant createdAt) {
        this.measure = measure;
        this.version = version;
        this.effectiveFrom = effectiveFrom.toString();
        this.periodStart = effectiveFrom.start();
        this.successLevel = successLevel;
        this.failureLevel = failureLevel;
        this.severity = severity;
        this.note = note;
        this.createdAt = createdAt;
    }

    /** Whether this version says the same as the given levels, so that re-stating it is no change. */
    public boolean states(Period period, BigDecimal success, BigDecimal failure, Severity severity, String note) {
        return effectiveFrom.equals(period.toString()) && successLevel.compareTo(success) == 0
                && failureLevel.compareTo(failure) == 0 && this.severity == severity
                && Objects.equals(this.note, note);
    }

    public int version() {
        return version;
    }

    public String effectiveFrom() {
        return effectiveFrom;
    }

    public LocalDate periodStart() {
        return periodStart;
    }

    public BigDecimal successLevel() {
        return successLevel;
    }

    public BigDecimal failureLevel() {
        return failureLevel;
    }

    public Severity severity() {
        return severity;
    }

    public String note() {
        return note;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
