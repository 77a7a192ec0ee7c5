package io.topline.metrics.catalog;

import io.topline.metrics.period.Cadence;

/** What ingestion needs to know of a measure, kept in memory so the hot path never queries for it. */
public record MeasureInfo(String key, Cadence cadence, Aggregation aggregation, String unit, boolean archived, long revision) {
}
