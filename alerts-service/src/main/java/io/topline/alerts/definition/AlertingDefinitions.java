package io.topline.alerts.definition;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.topline.alerts.alert.AlertKind;
import io.topline.alerts.alert.Severity;
import io.topline.alerts.grouping.GroupLabel;
import io.topline.alerts.receiver.MessageTemplate;
import io.topline.alerts.receiver.ReceiverKind;
import io.topline.alerts.silence.LabelMatcher;
import io.topline.alerts.silence.MaintenanceWindow;
import io.topline.alerts.subscription.DriverFunction;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Map;

/**
 * The alerting sections of an organisation file (contracts/organisation): receivers (subscriptions with their
 * receiver settings), silences, escalation policies and contacts. A section left out (null) is not managed by the
 * file: it is neither compared nor pruned. {@code secrets} holds the values of the {@code ${VARIABLE}} references
 * the sections make, filled in by the command-line tool from its environment; it is never exported.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertingDefinitions(
        @Size(max = 500) List<@Valid @NotNull ReceiverDefinition> receivers,
        @Size(max = 500) List<@Valid @NotNull SilenceDefinition> silences,
        @Size(max = 200) List<@Valid @NotNull EscalationPolicyDefinition> escalationPolicies,
        @Size(max = 1000) List<@Valid @NotNull ContactDefinition> contacts,
        @Size(max = 100) Map<@NotNull @Pattern(regexp = VARIABLE) String, @NotNull @Size(max = 2000) String> secrets) {

    static final String SLUG = "^[a-z0-9]+(-[a-z0-9]+)*$";
    static final String SLUG_MESSAGE = "must be a slug: lower-case letters and digits, words joined by '-'";
    static final String VARIABLE = "^[A-Za-z_][A-Za-z0-9_]*$";

    /** Whether the file manages any alerting section. */
    public boolean managesAny() {
        return receivers != null || silences != null || escalationPolicies != null || contacts != null;
    }

    /**
     * A receiver: a subscription's settings under a stable key. {@code url} and {@code routingKey} may be a
     * {@code ${VARIABLE}} reference instead of the value; a webhook's signing secret is never in the file.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReceiverDefinition(
            @NotNull @Size(max = 64) @Pattern(regexp = SLUG, message = SLUG_MESSAGE) String key,
            @NotNull ReceiverKind receiver,
            @Size(min = 1, max = 2000) String url,
            @Size(min = 1, max = 100) String routingKey,
            @Size(min = 1, max = 20) List<@NotNull @Email @Size(max = 254) String> recipients,
            @Valid MessageTemplate template,
            @Size(max = 500) String description,
            @Size(max = 100) List<@NotNull @Pattern(regexp = SLUG, message = SLUG_MESSAGE) @Size(max = 64) String>
                    drivers,
            @Size(max = 6) List<@NotNull DriverFunction> functions,
            @Size(max = 500) List<@NotNull @Pattern(regexp = SLUG, message = SLUG_MESSAGE) @Size(max = 64) String>
                    measures,
            @Size(max = 4) List<@NotNull AlertKind> kinds,
            Severity minSeverity,
            @Size(max = 40) String repeatInterval,
            Boolean routeOnly,
            Boolean holdDownstream,
            @Size(max = 40) String groupWait,
            @Size(max = 6) List<@NotNull GroupLabel> groupBy,
            @Size(max = 100) String digest,
            Boolean digestOnly) {
    }

    /** A silence under a stable key: fixed (startsAt, endsAt or untilResolved) or a recurring maintenance window. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SilenceDefinition(
            @NotNull @Size(max = 64) @Pattern(regexp = SLUG, message = SLUG_MESSAGE) String key,
            @NotNull @Size(min = 1, max = 20) List<@NotNull @Valid LabelMatcher> matchers,
            @Size(max = 40) String startsAt,
            @Size(max = 40) String endsAt,
            Boolean untilResolved,
            @Valid MaintenanceWindow schedule,
            @NotBlank @Size(max = 1000) String comment) {
    }

    /** An escalation policy under a stable key; a step's target {@code receiver:<key>} names a receiver by key. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EscalationPolicyDefinition(
            @NotNull @Size(max = 64) @Pattern(regexp = SLUG, message = SLUG_MESSAGE) String key,
            @NotBlank @Size(max = 120) String name,
            @Size(max = 100) List<@NotNull @Pattern(regexp = SLUG, message = SLUG_MESSAGE) @Size(max = 64) String>
                    drivers,
            @Size(max = 6) List<@NotNull DriverFunction> functions,
            @Size(max = 500) List<@NotNull @Pattern(regexp = SLUG, message = SLUG_MESSAGE) @Size(max = 64) String>
                    measures,
            @Size(max = 4) List<@NotNull AlertKind> kinds,
            Severity minSeverity,
            @NotNull @Size(min = 1, max = 10) List<@Valid @NotNull Step> steps) {

        /** {@code after} the firing (ISO-8601), notify each target. */
        public record Step(
                @NotNull @Size(max = 40) String after,
                @NotNull @Size(min = 1, max = 20) List<@NotNull @Pattern(regexp = TARGET, message = TARGET_MESSAGE)
                        @Size(max = 250) String> targets) {
        }

        static final String TARGET = "^(measure-owner|driver-owner|person:[^\\s,@]+@[^\\s,@]+|receiver:[a-z0-9]+(-[a-z0-9]+)*)$";
        static final String TARGET_MESSAGE = "must be measure-owner, driver-owner, person:<email> or receiver:<key>";
    }

    /** A person: their name and the receivers (by key) that reach them. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ContactDefinition(
            @NotNull @Email @Size(max = 200) String email,
            @NotBlank @Size(max = 200) String name,
            @NotNull @Size(min = 1, max = 10) List<@NotNull @Pattern(regexp = SLUG, message = SLUG_MESSAGE) String>
                    routes) {
    }
}
