package io.topline.alerts.silence;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * A new silence: its matchers, a start (now when omitted) and an end ({@code endsAt}, or {@code untilResolved}), or
 * a recurring {@code schedule} (with an optional end); times are ISO-8601 instants with an offset, or local
 * date-times in the organisation time zone.
 */
public record CreateSilenceRequest(
        @NotNull @Size(min = 1, max = 20) List<@NotNull @Valid LabelMatcher> matchers,
        @Size(max = 40) String startsAt,
        @Size(max = 40) String endsAt,
        Boolean untilResolved,
        @Valid MaintenanceWindow schedule,
        @NotBlank @Size(max = 1000) String comment) {
}
