package io.topline.alerts.alert;

/** Why an alert fires: a final miss, a projected miss while the period is open, or a silent source. */
public enum AlertKind {
    MISSED, PROJECTED_MISS, NO_DATA
}
