package io.topline.alerts.silence;

/** Where a silence stands: not started yet, in force (for a schedule: inside or outside its window), or ended. */
public enum SilenceState {
    PENDING,
    ACTIVE,
    EXPIRED
}
