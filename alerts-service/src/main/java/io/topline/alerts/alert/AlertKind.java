package io.topline.alerts.alert;

import java.util.List;

/**
 * Why an alert fires: a final miss, a projected miss while the period is open, no data when the period closed, or a
 * source silent past its heartbeat mid-period.
 */
public enum AlertKind {
    MISSED, PROJECTED_MISS, NO_DATA, STALE;

    /** The kinds an evaluation decides; STALE follows the measurements' arrival instead. */
    public static final List<AlertKind> EVALUATED = List.of(MISSED, PROJECTED_MISS, NO_DATA);

    /** Whether the alert says a number is red (missed, or on course to), as opposed to missing. */
    public boolean red() {
        return this == MISSED || this == PROJECTED_MISS;
    }
}
