package io.topline.alerts.silence;

import java.time.Instant;
import java.util.List;

/** The {@code data} of the topline.silence.* events (docs/events.md): the whole silence as it is now. */
public record SilenceEventData(String silenceId, String state, List<LabelMatcher> matchers, Instant startsAt,
                               Instant endsAt, boolean untilResolved, MaintenanceWindow schedule, String comment,
                               String createdBy, Instant createdAt, Instant endedAt, String endedBy) {

    static SilenceEventData of(Silence silence, Instant now) {
        return new SilenceEventData(silence.id().toString(), silence.state(now).name(), silence.matchers(),
                silence.startsAt(), silence.endsAt(), silence.untilResolved(), silence.schedule(), silence.comment(),
                silence.createdBy(), silence.createdAt(), silence.endedAt(), silence.endedBy());
    }
}
