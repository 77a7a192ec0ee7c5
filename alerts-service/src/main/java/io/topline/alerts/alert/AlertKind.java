package io.topline.alerts.alert;

/** Why an alert fires: a final miss, a projected miss while the period is open, or a silent source. */
public enum AlertKind {
    MISSED, PROJECTED_MISS, NO_DATA;

    /** Whether the alert says a number is red (missed, or on course to), as opposed to missing. */
    public boolean red() {
        return this != NO_DATA;
    }
}
