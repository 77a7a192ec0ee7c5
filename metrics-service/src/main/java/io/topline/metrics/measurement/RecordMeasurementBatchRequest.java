package io.topline.metrics.measurement;

import java.util.List;

/** Up to the configured number of measurements, stored all together or not at all. */
public record RecordMeasurementBatchRequest(List<RecordMeasurementRequest> items) {
}
