package io.topline.alerts.subscription;

import jakarta.validation.constraints.NotNull;

import java.time.Instant;

/** Replays every message scheduled for a subscription at or after {@code since}. */
public record ReplayRequest(@NotNull Instant since) {
}
