package io.topline.drivers.measure;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The changeable state of a measure. Key, driver, direction and cadence are fixed for life: targets and actuals
 * already depend on them, so a different one is a new measure.
 */
public record UpdateMeasureRequest(
        @NotBlank @Size(max = 120) String name,
        @NotNull Unit unit,
        @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO 4217 code of three capital letters") String currency,
        @NotNull Aggregation aggregation,
        @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String owner,
        @Size(max = 2000) String description) {
}
