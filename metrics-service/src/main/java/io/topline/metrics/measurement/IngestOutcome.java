package io.topline.metrics.measurement;

import io.topline.metrics.actual.Actual;

import java.util.List;

/**
 * What one committed ingestion did: the measurements it stored, the ones that were duplicates, the ones whose client id
 * was already stored with other content (only when the caller let those through), and the actuals it changed.
 */
public record IngestOutcome(List<ValidMeasurement> accepted, List<ValidMeasurement> duplicates,
                            List<ValidMeasurement> conflicts, List<Actual> actuals) {
}
