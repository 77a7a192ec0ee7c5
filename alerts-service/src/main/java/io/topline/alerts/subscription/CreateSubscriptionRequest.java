package io.topline.alerts.subscription;

import io.topline.alerts.alert.AlertKind;
import io.topline.alerts.alert.Severity;
import io.topline.alerts.grouping.GroupLabel;
import io.topline.alerts.receiver.MessageTemplate;
import io.topline.alerts.receiver.ReceiverKind;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * A new subscriber: its receiver (WEBHOOK by default) with what that kind needs (a URL; for PAGERDUTY a routing key
 * and optionally the Events API URL; for ALERTMANAGER its base URL; for EMAIL recipients instead of a URL), the
 * filters that pick the alert transitions it receives, optionally its own message template, and how often to tell it
 * again of a FIRING alert nobody acknowledged ({@code repeatInterval}, ISO-8601, 5 minutes to 7 days). With
 * {@code routeOnly} it is a person's receiver that only contact routes and escalation steps send to: it has no
 * filters. With {@code holdDownstream} a firing whose likely cause (upstream in the revenue flow) this receiver was
 * told of and still fires is held until the cause stops firing. With {@code groupWait} (ISO-8601, none to an hour;
 * 30 s by default for Slack, Teams and e-mail, none for the others) its notifications are gathered into one message
 * per group of {@code groupBy} labels (function and period by default). With {@code digest}, a cron expression in the
 * organisation time zone, it gets a summary of the scorecard and the open alerts on that schedule; with
 * {@code digestOnly} nothing else.
 */
public record CreateSubscriptionRequest(
        ReceiverKind receiver,
        @Size(min = 1, max = 2000) String url,
        @Size(min = 1, max = 100) @Pattern(regexp = "^[A-Za-z0-9_-]+$") String routingKey,
        @Size(min = 1, max = 20) List<@NotNull @Email @Pattern(regexp = "^[^,\\s]+@[^,\\s]+$") @Size(max = 254) String>
                recipients,
        @Valid MessageTemplate template,
        @Size(max = 500) String description,
        @Size(max = 100) List<@NotNull @Pattern(regexp = "^[a-z0-9]+(-[a-z0-9]+)*$") @Size(max = 64) String> drivers,
        @Size(max = 6) List<@NotNull DriverFunction> functions,
        @Size(max = 500) List<@NotNull @Pattern(regexp = "^[a-z0-9]+(-[a-z0-9]+)*$") @Size(max = 64) String> measures,
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
