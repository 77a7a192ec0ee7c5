package io.topline.metrics.catalog;

/** How a measure's measurements in one period combine into its actual. */
public enum Aggregation {
    SUM,
    AVERAGE,
    MIN,
    MAX,
    LAST,
    COUNT
}
