package io.topline.metrics.measurement;

import jakarta.validation.constraints.Size;

/** Why a stored measurement no longer counts. */
public record RetractMeasurementRequest(@Size(max = 500) String reason) {
}
