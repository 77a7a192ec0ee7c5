package io.topline.alerts.subscription;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.topline.chassis.time.BoundedDurations;
import io.topline.alerts.grouping.GroupLabel;
import io.topline.alerts.receiver.MessageTemplate;
import io.topline.alerts.receiver.ReceiverKind;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A subscription as the API shows it, with its receiver and the template in use (the kind's default for any part it
 * has not changed); {@code secret} is given only to the response that created a webhook, a PagerDuty routing key
 * never, {@code url} is absent for e-mail and {@code recipients} for the others, and {@code repeatInterval}
 * (ISO-8601) only when it asks to be told again of unacknowledged firings, {@code routeOnly} only on a route-only
 * receiver and {@code holdDownstream} only when it holds downstream firings; {@code groupWait} and {@code groupBy}
 * only when it groups, {@code digest} (its cron schedule) only when it gets digests.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubscriptionResponse(UUID id, ReceiverKind receiver, String url, List<String> recipients,
                                   MessageTemplate template, String description, List<String> drivers,
                                   List<String> functions, List<String> measures, List<String> kinds,
                                   String minSeverity, boolean active, String disabledReason, String createdBy,
                                   Instant createdAt, String repeatInterval, Boolean routeOnly,
                                   Boolean holdDownstream, String groupWait, List<GroupLabel> groupBy,
                                   String digest, Boolean digestOnly, String secret) {

    public static SubscriptionResponse of(Subscription s, String secret) {
        return new SubscriptionResponse(s.id(), s.receiverKind(), s.url(),
                s.recipients().isEmpty() ? null : s.recipients(), s.template(), s.description(), s.drivers(),
                s.functions(), s.measures(), s.kinds(), s.minSeverity().name(), s.active(), s.disabledReason(),
                s.createdBy(), s.createdAt(), s.repeatInterval() == null ? null : BoundedDurations.iso(s.repeatInterval()),
                s.routeOnly() ? Boolean.TRUE : null, s.holdsDownstream() ? Boolean.TRUE : null,
                s.groupWait().isZero() ? null : BoundedDurations.iso(s.groupWait()),
                s.groupWait().isZero() ? null : s.groupBy(), s.digestSchedule(),
                s.digestOnly() ? Boolean.TRUE : null, secret);
    }
}
