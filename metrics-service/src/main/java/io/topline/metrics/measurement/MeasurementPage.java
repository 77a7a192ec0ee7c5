package io.topline.metrics.measurement;

import java.util.List;

/** One page of measurements; {@code hasMore} tells whether a next page exists. */
public record MeasurementPage(List<MeasurementResponse> items, int page, int size, boolean hasMore) {
}
