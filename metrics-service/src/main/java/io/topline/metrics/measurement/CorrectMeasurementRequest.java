package io.topline.metrics.measurement;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

/** The value a stored measurement should have had, and why it changes. */
public record CorrectMeasurementRequest(@NotNull BigDecimal value, @Size(max = 500) String reason) {
}
