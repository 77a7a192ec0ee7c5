package io.topline.metrics.period;

/** How often a measure is judged: the length of its calendar periods. */
public enum Cadence {
    WEEKLY,
    MONTHLY,
    QUARTERLY
}
