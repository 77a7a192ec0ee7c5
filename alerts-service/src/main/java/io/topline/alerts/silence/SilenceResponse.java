package io.topline.alerts.silence;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A silence as the API shows it; the response that created it also says how many open alerts its matchers pick
 * ({@code matchingOpenAlerts}) and warns when that is none.
 */
public record SilenceResponse(UUID id, SilenceState state, List<LabelMatcher> matchers, Instant startsAt,
                              Instant endsAt, boolean untilResolved, MaintenanceWindow schedule, String comment,
                              String createdBy, Instant createdAt, Instant endedAt, String endedBy,
                              @JsonInclude(JsonInclude.Include.NON_NULL) Integer matchingOpenAlerts,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String warning) {

    static final String MATCHES_NOTHING = "matches no open alert";

    public static SilenceResponse of(Silence silence, Instant now) {
        return created(silence, now, null);
    }

    /** The response to a creation: with the open alerts matched, and a warning when there are none. */
    public static SilenceResponse created(Silence s, Instant now, Integer matchingOpenAlerts) {
        String warning = matchingOpenAlerts != null && matchingOpenAlerts == 0 ? MATCHES_NOTHING : null;
        return new SilenceResponse(s.id(), s.state(now), s.matchers(), s.startsAt(), s.endsAt(), s.untilResolved(),
                s.schedule(), s.comment(), s.createdBy(), s.createdAt(), s.endedAt(), s.endedBy(), matchingOpenAlerts,
                warning);
    }
}
