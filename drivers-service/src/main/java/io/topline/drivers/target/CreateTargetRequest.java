package io.topline.drivers.target;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

/** A new target version, effective from a period of the measure's cadence ({@code 2026-W48}, {@code 2026-11}, {@code 2026-Q4}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateTargetRequest(
        @NotNull @Size(max = 8) String effectiveFrom,
        @NotNull @DecimalMin(value = "-1e15", message = "must be at least -10^15")
        @DecimalMax(value = "1e15", message = "must be at most 10^15") BigDecimal successLevel,
        @NotNull @DecimalMin(value = "-1e15", message = "must be at least -10^15")
        @DecimalMax(value = "1e15", message = "must be at most 10^15") BigDecimal failureLevel,
        @NotNull Severity severity,
        @Size(max = 500) String note) {
}
