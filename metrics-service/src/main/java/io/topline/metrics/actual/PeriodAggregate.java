package io.topline.metrics.actual;

import io.topline.metrics.period.Period;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The measurements of one request for one measure and period, folded in memory before the single upsert.
 *
 * <p>"Last" is the value with the latest {@code occurredAt}; on a tie the larger value wins. That rule is commutative,
 * so the result does not depend on arrival order, which lets concurrent transactions merge in any order.
 */
public final class PeriodAggregate {

    private final String measure;
    private final Period period;
    private long count;
    private BigDecimal sum = BigDecimal.ZERO;
    private BigDecimal min;
    private BigDecimal max;
    private BigDecimal last;
    private Instant lastOccurredAt;

    public PeriodAggregate(String measure, Period period) {
        this.measure = measure;
        this.period = period;
    }

    public void add(BigDecimal value, Instant occurredAt) {
        count++;
        sum = sum.add(value);
        min = min == null || value.compareTo(min) < 0 ? value : min;
        max = max == null || value.compareTo(max) > 0 ? value : max;
        if (lastOccurredAt == null || occurredAt.isAfter(lastOccurredAt)
                || (occurredAt.equals(lastOccurredAt) && value.compareTo(last) > 0)) {
            last = value;
            lastOccurredAt = occurredAt;
        }
    }

    public String measure() {
        return measure;
    }

    public Period period() {
        return period;
    }

    public long count() {
        return count;
    }

    public BigDecimal sum() {
        return sum;
    }

    public BigDecimal min() {
        return min;
    }

    public BigDecimal max() {
        return max;
    }

    public BigDecimal last() {
        return last;
    }

    public Instant lastOccurredAt() {
        return lastOccurredAt;
    }
}
