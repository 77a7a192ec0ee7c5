package io.topline.drivers.measure;

/** How a period's measurements become the period's actual. */
public enum Aggregation {
    SUM, AVERAGE, MIN, MAX, LAST, COUNT
}
