package io.topline.alerts.subscription;

import io.topline.alerts.alert.AlertKind;
import io.topline.alerts.alert.Severity;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * A new webhook subscriber: its URL, the filters that pick the alert transitions it receives, and optionally how often
 * to tell it again of a FIRING alert nobody acknowledged ({@code repeatInterval}, ISO-8601, 5 minutes to 7 days).
 */
public record CreateSubscriptionRequest(
        @NotBlank @Size(max = 2000) String url,
        @Size(max = 500) String description,
        @Size(max = 100) List<@NotNull @Pattern(regexp = "^[a-z0-9]+(-[a-z0-9]+)*$") @Size(max = 64) String> drivers,
        @Size(max = 6) List<@NotNull DriverFunction> functions,
        @Size(max = 500) List<@NotNull @Pattern(regexp = "^[a-z0-9]+(-[a-z0-9]+)*$") @Size(max = 64) String> measures,
        @Size(max = 4) List<@NotNull AlertKind> kinds,
        Severity minSeverity,
        @Size(max = 40) String repeatInterval) {
}
