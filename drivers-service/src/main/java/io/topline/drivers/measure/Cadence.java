package io.topline.drivers.measure;

/** The calendar period a measure is judged over. */
public enum Cadence {
    WEEKLY, MONTHLY, QUARTERLY
}
