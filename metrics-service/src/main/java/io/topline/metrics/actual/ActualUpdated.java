package io.topline.metrics.actual;

import io.topline.metrics.catalog.Aggregation;
import io.topline.metrics.period.Cadence;

import java.math.BigDecimal;
import java.time.Instant;

/** Data of the {@code topline.actual.updated} event: the actual of one measure and period changed. */
public record ActualUpdated(String measure, String period, Cadence cadence, Instant periodStart, Instant periodEnd,
                            Aggregation aggregation, BigDecimal value, long count, BigDecimal sum, BigDecimal min,
                            BigDecimal max, BigDecimal last, Instant lastOccurredAt, long revision, Instant updatedAt) {

    public static final String TYPE = "topline.actual.updated";

    public static ActualUpdated of(Actual actual, Aggregation aggregation) {
        return new ActualUpdated(actual.measureKey(), actual.period(), actual.cadence(), actual.periodStart(),
                actual.periodEnd(), aggregation, actual.value(aggregation), actual.count(), actual.sum(), actual.min(),
                actual.max(), actual.last(), actual.lastOccurredAt(), actual.revision(), actual.updatedAt());
    }

    /** The CloudEvent subject: {@code <measure>:<period>}. */
    public String subject() {
        return measure + ":" + period;
    }
}
