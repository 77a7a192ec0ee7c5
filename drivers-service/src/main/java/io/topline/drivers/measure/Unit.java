package io.topline.drivers.measure;

/** The unit a measure counts in; CURRENCY needs an ISO 4217 code. */
public enum Unit {
    COUNT, PERCENT, CURRENCY, DAYS, HOURS, RATIO, NUMBER
}
