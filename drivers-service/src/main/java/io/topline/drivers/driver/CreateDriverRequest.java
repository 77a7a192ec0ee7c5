package io.topline.drivers.driver;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** A new driver; {@code feedsInto} names the drivers it feeds (existing, active ones). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateDriverRequest(
        @NotNull @Size(max = 64) @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String key,
        @NotBlank @Size(max = 120) String name,
        @NotNull DriverFunction function,
        @NotBlank @Size(max = 200) String owner,
        @Size(max = 2000) String description,
        @Size(max = 50) List<@NotNull @Size(max = 64) @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String> feedsInto) {

    public List<String> feedsIntoOrEmpty() {
        return feedsInto == null ? List.of() : feedsInto;
    }
}
