package io.topline.drivers.measure;

import io.topline.drivers.driver.Slugs;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A new measure of a driver; {@code owner} defaults to the driver's owner. {@code expectedEvery} (ISO-8601, PT5M to
 * P92D) is how often its source reports: silent longer, the measure raises a STALE alert mid-period.
 */
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
        @Size(max = 2000) String description,
        @Schema(description = HEARTBEAT, example = "P1D") @Size(max = 40) String expectedEvery) {

    static final String HEARTBEAT = "How often the source reports, ISO-8601 from PT5M to P92D: silent longer, the "
            + "measure raises a STALE alert mid-period. Absent or null: only the period's end counts (NO_DATA)";
}
