package io.topline.drivers.measure;

import io.topline.drivers.driver.Slugs;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A new measure of a driver; {@code owner} defaults to the driver's owner. */
public record CreateMeasureRequest(
        @NotNull @Size(max = 64) @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String key,
        @NotNull @Size(max = 64) @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String driverKey,
        @NotBlank @Size(max = 120) String name,
        @NotNull Unit unit,
        @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO 4217 code of three capital letters") String currency,
        @NotNull Aggregation aggregation,
        @NotNull Direction direction,
        @NotNull Cadence cadence,
        @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String owner,
        @Size(max = 2000) String description) {
}
