package io.topline.alerts.alert;

/** The filters of the alert list and of the live stream; a null field does not filter. */
public record AlertFilter(AlertState state, AlertKind kind, String driver, String function, String measure,
                          Severity severity, String period) {

    /** Whether an alert event matches, for the live stream. */
    public boolean matches(AlertEventData data) {
        return (state == null || state.name().equals(data.state()))
                && (kind == null || kind.name().equals(data.kind()))
                && (driver == null || driver.equals(data.driver().key()))
                && (function == null || function.equals(data.driver().function()))
                && (measure == null || measure.equals(data.measure().key()))
                && (severity == null || severity.name().equals(data.severity()))
                && (period == null || period.equals(data.period()));
    }
}
