package io.topline.metrics.actual;

import io.topline.metrics.catalog.Aggregation;
import io.topline.metrics.period.Cadence;
import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;

/**
 * The aggregate of one measure's measurements in one period. Rows change only through the atomic upsert of
 * {@link ActualRepository}, so concurrent ingestion never loses an update; this mapping serves reads.
 */
@Entity
@Table(name = "actual")
public class Actual {

    @EmbeddedId
    private ActualId id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Cadence cadence;

    @Column(name = "period_start", nullable = false)
    private Instant periodStart;

    @Column(name = "period_end", nullable = false)
    private Instant periodEnd;

    @Column(nullable = false)
    private long count;

    @Column(nullable = false)
    private BigDecimal sum;

    @Column(nullable = false, precision = 38, scale = 12)
    private BigDecimal min;

    @Column(nullable = false, precision = 38, scale = 12)
    private BigDecimal max;

    @Column(nullable = false, precision = 38, scale = 12)
    private BigDecimal last;

    @Column(name = "last_occurred_at", nullable = false)
    private Instant lastOccurredAt;

    @Column(nullable = false)
    private long revision;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Actual() {
    }

    /** An actual as the upsert returned it. */
    public Actual(ActualId id, Cadence cadence, Instant periodStart, Instant periodEnd, long count, BigDecimal sum,
                  BigDecimal min, BigDecimal max, BigDecimal last, Instant lastOccurredAt, long revision, Instant updatedAt) {
        this.id = id;
        this.cadence = cadence;
        this.periodStart = periodStart;
        this.periodEnd = periodEnd;
        this.count = count;
        this.sum = sum;
        this.min = min;
        this.max = max;
        this.last = last;
        this.lastOccurredAt = lastOccurredAt;
        this.revision = revision;
        this.updatedAt = updatedAt;
    }

    /** The measure's aggregation over the period. */
    public BigDecimal value(Aggregation aggregation) {
        BigDecimal value = switch (aggregation) {
            case SUM -> sum;
            case AVERAGE -> sum.divide(BigDecimal.valueOf(count), MathContext.DECIMAL64);
            case MIN -> min;
            case MAX -> max;
            case LAST -> last;
            case COUNT -> BigDecimal.valueOf(count);
        };
        return tidy(value);
    }

    /** Without trailing zeros, and never in exponent notation for whole numbers. */
    static BigDecimal tidy(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    public String measureKey() {
        return id.measureKey();
    }

    public String period() {
        return id.period();
    }

    public Cadence cadence() {
        return cadence;
    }

    public Instant periodStart() {
        return periodStart;
    }

    public Instant periodEnd() {
        return periodEnd;
    }

    public long count() {
        return count;
    }

    public BigDecimal sum() {
        return tidy(sum);
    }

    public BigDecimal min() {
        return tidy(min);
    }

    public BigDecimal max() {
        return tidy(max);
    }

    public BigDecimal last() {
        return tidy(last);
    }

    public Instant lastOccurredAt() {
        return lastOccurredAt;
    }

    public long revision() {
        return revision;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
