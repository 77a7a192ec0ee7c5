package io.topline.alerts.catalog;

import io.topline.alerts.period.Cadence;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;

/** This service's copy of one measure's actual for one period, kept at the highest published revision. */
@Entity
@Table(name = "actual")
public class Actual {

    // drawn 50 at a time (V25), so that a poll's new actuals go to the database in JDBC batches (see Evaluation)
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "actual_ids")
    @SequenceGenerator(name = "actual_ids", sequenceName = "actual_ids", allocationSize = 50)
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
    private BigDecimal sum;
    private BigDecimal min;
    private BigDecimal max;
    private BigDecimal last;
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

    /**
     * Applies a published actual, its value computed with the measure's current {@code aggregation} (null: the
     * measure is not known yet, the published value stands); returns false (and changes nothing) when it is not newer
     * than what is kept.
     */
    public boolean apply(long revision, Aggregates aggregates, String aggregation, Instant updatedAt) {
        if (this.revision >= revision) {
            return false;
        }
        this.revision = revision;
        this.count = aggregates.count();
        this.sum = aggregates.sum();
        this.min = aggregates.min();
        this.max = aggregates.max();
        this.last = aggregates.last();
        this.value = aggregates.publishedValue();
        this.updatedAt = updatedAt;
        reaggregate(aggregation);
        return true;
    }

    /**
     * Recomputes the value with {@code aggregation} (the measure's aggregation changed); returns whether it changed.
     * An actual kept from before the aggregates were stored keeps its value.
     */
    public boolean reaggregate(String aggregation) {
        if (aggregation == null || sum == null) {
            return false;
        }
        BigDecimal next = current().valueFor(aggregation);
        if (next == null || next.compareTo(value) == 0) {
            return false;
        }
        value = next;
        return true;
    }

    private Aggregates current() {
        return new Aggregates(value, count, sum, min, max, last);
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

    /** How many measurements the actual holds. */
    public long count() {
        return count;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    Cadence cadence() {
        return cadence;
    }

    Instant periodStart() {
        return periodStart;
    }

    BigDecimal sum() {
        return sum;
    }

    BigDecimal min() {
        return min;
    }

    BigDecimal max() {
        return max;
    }

    BigDecimal last() {
        return last;
    }

    public long revision() {
        return revision;
    }
}
