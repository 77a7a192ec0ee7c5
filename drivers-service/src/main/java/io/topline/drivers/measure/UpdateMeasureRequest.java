package io.topline.drivers.measure;

import io.topline.drivers.target.TargetResponse;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * The changeable state of a measure. Key, driver, direction and cadence are fixed for life: targets and actuals
 * already depend on them, so a different one is a new measure. It accepts the representation GET returns: those and
 * the other read-only fields may be sent back unchanged (or left out), and a changed one is refused.
 */
public record UpdateMeasureRequest(
        @NotBlank @Size(max = 120) String name,
        @NotNull Unit unit,
        @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO 4217 code of three capital letters") String currency,
        @NotNull Aggregation aggregation,
        @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String owner,
        @Size(max = 2000) String description,
        @Schema(description = CreateMeasureRequest.HEARTBEAT, example = "P1D") @Size(max = 40) String expectedEvery,
        @Schema(description = READ_ONLY) @Size(max = 64) String key,
        @Schema(description = READ_ONLY) @Size(max = 64) String driverKey,
        @Schema(description = READ_ONLY) Direction direction,
        @Schema(description = READ_ONLY) Cadence cadence,
        @Schema(description = READ_ONLY) Boolean archived,
        @Schema(description = READ_ONLY) Long revision,
        @Schema(description = READ_ONLY + "; targets change through /measures/{key}/targets") @Size(max = 1000)
        List<@NotNull TargetResponse> targets,
        @Schema(description = READ_ONLY) Instant createdAt,
        @Schema(description = READ_ONLY) Instant updatedAt) {

    static final String READ_ONLY = "Read-only, as GET returns it: ignored when equal to the stored value or absent, "
            + "refused (422) when different";

    /** The changeable fields only, as the importer and tests write them. */
    public UpdateMeasureRequest(String name, Unit unit, String currency, Aggregation aggregation, String owner,
                                String description, String expectedEvery) {
        this(name, unit, currency, aggregation, owner, description, expectedEvery, null, null, null, null, null, null,
                null, null, null);
    }
}
