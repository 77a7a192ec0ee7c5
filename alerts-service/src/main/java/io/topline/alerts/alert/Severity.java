package io.topline.alerts.alert;

/** A target's severity, ordered from least to most urgent so that "minimum severity" filters compare ranks. */
public enum Severity {
    INFO, WARNING, CRITICAL;

    /** Whether this severity is at least {@code minimum}; no minimum admits everything. */
    public boolean atLeast(Severity minimum) {
        return minimum == null || compareTo(minimum) >= 0;
    }
}
