package io.topline.metrics.measurement;

import java.math.BigDecimal;

/**
 * One measurement as a system reports it. {@code occurredAt} stays text so that a missing offset is reported as a
 * violation of that field, like every other rule, by {@link MeasurementRules} (which also lists every bad item of a
 * batch at once, something per-field Bean Validation on a 10,000-item hot path would do slower).
 *
 * @param id         optional client id; retries with the same id are stored once
 * @param measure    key of a known, active measure
 * @param value      a finite decimal within the configured bound (the chassis's StrictInputCustomizer refuses
 *                   non-finite and unbounded numbers while parsing)
 * @param occurredAt ISO-8601 instant with an offset; or, instead, {@code period}
 * @param source     the system that reports it (with an ingest key: the key's)
 * @param period     EOS-style entry instead of {@code occurredAt}: the label of a period of the measure's cadence
 *                   (2026-W48, 2026-11, 2026-Q4), which the measurement counts in from the period's first instant
 */
public record RecordMeasurementRequest(
        String id,
        String measure,
        BigDecimal value,
        String occurredAt,
        String source,
        String period) {

    /** The same measurement, reported by {@code source}. */
    public RecordMeasurementRequest withSource(String source) {
        return new RecordMeasurementRequest(id, measure, value, occurredAt, source, period);
    }
}
