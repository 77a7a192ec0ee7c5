package io.topline.metrics.actual;

import io.topline.metrics.catalog.Aggregation;
import io.topline.metrics.period.Cadence;

import java.math.BigDecimal;
import java.time.Instant;

/** One period's actual of a measure; the same fields as the data of {@code topline.actual.updated}. */
public record ActualResponse(String measure, String period, Cadence cadence, Instant periodStart, Instant periodEnd,
                             Aggregation aggregation, BigDecimal value, long count, BigDecimal sum, BigDecimal min,
                             BigDecimal max, BigDecimal last, Instant lastOccurredAt, long revision, Instant updatedAt) {

    public static ActualResponse of(Actual actual, Aggregation aggregation) {
        return new ActualResponse(actual.measureKey(), actual.period(), actual.cadence(), actual.periodStart(),
                actual.periodEnd(), aggregation, actual.value(aggregation), actual.count(), actual.sum(), actual.min(),
                actual.max(), actual.last(), actual.lastOccurredAt(), actual.revision(), actual.updatedAt());
    }
}
