package io.topline.alerts.subscription;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.topline.chassis.time.BoundedDurations;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A subscription as the API shows it; {@code secret} is given only to the response that created it, and
 * {@code repeatInterval} (ISO-8601) only when it asks to be told again of unacknowledged firings.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubscriptionResponse(UUID id, String url, String description, List<String> drivers,
                                   List<String> functions, List<String> measures, List<String> kinds,
                                   String minSeverity, boolean active, String disabledReason, String createdBy,
                                   Instant createdAt, String repeatInterval, String secret) {

    public static SubscriptionResponse of(Subscription s, String secret) {
        return new SubscriptionResponse(s.id(), s.url(), s.description(), s.drivers(), s.functions(), s.measures(),
                s.kinds(), s.minSeverity().name(), s.active(), s.disabledReason(), s.createdBy(), s.createdAt(),
                s.repeatInterval() == null ? null : BoundedDurations.iso(s.repeatInterval()), secret);
    }
}
