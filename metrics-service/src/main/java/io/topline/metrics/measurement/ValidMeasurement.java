package io.topline.metrics.measurement;

import io.topline.metrics.catalog.MeasureInfo;
import io.topline.metrics.period.Period;

import java.math.BigDecimal;
import java.time.Instant;

/** A measurement that passed every rule, with its measure and period resolved; {@code index} is its place in the request. */
public record ValidMeasurement(int index, String clientId, MeasureInfo measure, BigDecimal value, Instant occurredAt,
                               String source, Period period) {

    /** Whether {@code other} reports the same fact (the content a client id must keep). */
    public boolean sameContentAs(String measureKey, BigDecimal otherValue, Instant otherOccurredAt, String otherSource) {
        return measure.key().equals(measureKey) && value.compareTo(otherValue) == 0
                && occurredAt.equals(otherOccurredAt) && source.equals(otherSource);
    }
}
