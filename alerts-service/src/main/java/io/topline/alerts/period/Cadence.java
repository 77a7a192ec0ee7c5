package io.topline.alerts.period;

/** How often a measure is judged: the length of its periods. */
public enum Cadence {
    WEEKLY, MONTHLY, QUARTERLY
}
