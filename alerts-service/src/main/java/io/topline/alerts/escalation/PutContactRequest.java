package io.topline.alerts.escalation;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/** A person's name and the receivers (subscription ids) that reach them. */
public record PutContactRequest(@NotBlank @Size(max = 200) String name,
                                @NotNull @Size(min = 1, max = 10) List<@NotNull UUID> routes) {
}
