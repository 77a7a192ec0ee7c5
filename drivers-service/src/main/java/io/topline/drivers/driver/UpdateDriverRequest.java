package io.topline.drivers.driver;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * The whole new state of a driver; an absent {@code feedsInto} means none. It accepts the representation GET
 * returns: its read-only fields may be sent back unchanged (or left out), and a changed one is refused.
 */
public record UpdateDriverRequest(
        @NotBlank @Size(max = 120) String name,
        @NotNull DriverFunction function,
        @NotBlank @Size(max = 200) String owner,
        @Size(max = 2000) String description,
        @Size(max = 50) List<@NotNull @Size(max = 64) @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String> feedsInto,
        @Schema(description = READ_ONLY) @Size(max = 64) String key,
        @Schema(description = READ_ONLY) Boolean archived,
        @Schema(description = READ_ONLY) Long revision,
        @Schema(description = READ_ONLY) Instant createdAt,
        @Schema(description = READ_ONLY) Instant updatedAt) {

    static final String READ_ONLY = "Read-only, as GET returns it: ignored when equal to the stored value or absent, "
            + "refused (422) when different";

    /** The changeable fields only, as the importer and tests write them. */
    public UpdateDriverRequest(String name, DriverFunction function, String owner, String description,
                               List<String> feedsInto) {
        this(name, function, owner, description, feedsInto, null, null, null, null, null);
    }

    public List<String> feedsIntoOrEmpty() {
        return feedsInto == null ? List.of() : feedsInto;
    }
}
