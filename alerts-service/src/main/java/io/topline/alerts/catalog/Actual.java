package io.topline.alerts.catalog;

import io.topline.alerts.period.Cadence;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;

/** This service's copy of one measure's actual for one period, kept at the highest published revision. */
@Entity
@Table(name = "actual")
public class Actual {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "measure_key")
    private String measureKey;
    private String period;
    @Enumerated(EnumType.STRING)
    private Cadence cadence;
    @Column(name = "period_start")
    private Instant periodStart;
    private BigDecimal value;
    private long count;
    private long revision;
    @Column(name = "updated_at")
    private Instant updatedAt;

    protected Actual() {
    }

    public Actual(String measureKey, String period, Cadence cadence, Instant periodStart) {
        this.measureKey = measureKey;
        this.period = period;
        this.cadence = cadence;
        this.periodStart = periodStart;
    }

    /** Applies a published actual; returns false (and changes nothing) when it is not newer than what is kept. */
    public boolean apply(long revision, BigDecimal value, long count, Instant updatedAt) {
        if (this.revision >= revision) {
            return false;
        }
        this.revision = revision;
        this.value = value;
        this.count = count;
        this.updatedAt = updatedAt;
        return true;
    }

    public String measureKey() {
        return measureKey;
    }

    public String period() {
        return period;
    }

    public BigDecimal value() {
        return value;
    }

    public long revision() {
        return revision;
    }
}
