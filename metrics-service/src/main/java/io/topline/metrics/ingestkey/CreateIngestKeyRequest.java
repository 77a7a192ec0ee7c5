package io.topline.metrics.ingestkey;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** A new key for one source system, and the measures it may post. */
public record CreateIngestKeyRequest(
        @NotBlank @Size(max = 200) String source,
        @Size(max = 500) String description,
        @NotNull @Size(min = 1, max = 500)
        List<@NotNull @Pattern(regexp = "^[a-z0-9]+(-[a-z0-9]+)*$") @Size(max = 64) String> measures) {
}
