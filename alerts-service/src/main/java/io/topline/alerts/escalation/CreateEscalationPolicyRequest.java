package io.topline.alerts.escalation;

import io.topline.alerts.alert.AlertKind;
import io.topline.alerts.alert.Severity;
import io.topline.alerts.subscription.DriverFunction;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * A new escalation policy: the alerts it covers (a subscription's filters) and its steps, in the order they are
 * taken; each step's {@code after} (ISO-8601, PT0S to P30D) counts from the firing and grows from step to step.
 */
public record CreateEscalationPolicyRequest(
        @NotBlank @Size(max = 120) String name,
        @Size(max = 100) List<@NotNull @Pattern(regexp = "^[a-z0-9]+(-[a-z0-9]+)*$") @Size(max = 64) String> drivers,
        @Size(max = 6) List<@NotNull DriverFunction> functions,
        @Size(max = 500) List<@NotNull @Pattern(regexp = "^[a-z0-9]+(-[a-z0-9]+)*$") @Size(max = 64) String> measures,
        @Size(max = 4) List<@NotNull AlertKind> kinds,
        Severity minSeverity,
        @NotNull @Size(min = 1, max = 10) List<@Valid @NotNull Step> steps) {

    /**
     * One step: {@code after} the firing, notify each target: {@code measure-owner}, {@code driver-owner},
     * {@code person:<email>} or {@code subscription:<id>}.
     */
    public record Step(
            @NotNull @Size(max = 40) String after,
            @NotNull @Size(min = 1, max = 20) List<@NotNull @Pattern(regexp = TARGET, message = TARGET_MESSAGE)
                    @Size(max = 250) String> targets) {
    }

    static final String TARGET = "^(measure-owner|driver-owner|person:[^\\s,@]+@[^\\s,@]+|subscription:[0-9a-fA-F-]{36})$";
    static final String TARGET_MESSAGE = "must be measure-owner, driver-owner, person:<email> or subscription:<id>";
}
