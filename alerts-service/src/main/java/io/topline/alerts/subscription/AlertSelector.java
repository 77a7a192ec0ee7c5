package io.topline.alerts.subscription;

import io.topline.alerts.alert.Severity;

import java.util.List;

/**
 * Which alerts a subscription or an escalation policy picks: by driver, function, measure and kind (an empty list
 * picks every one) and a minimum severity.
 */
public record AlertSelector(List<String> drivers, List<String> functions, List<String> measures, List<String> kinds,
                            Severity minSeverity) {

    /** Whether an alert with these labels is picked. */
    public boolean admits(String driver, String function, String measure, String kind, String severity) {
        return (drivers.isEmpty() || drivers.contains(driver))
                && (functions.isEmpty() || functions.contains(function))
                && (measures.isEmpty() || measures.contains(measure))
                && (kinds.isEmpty() || kinds.contains(kind))
                && Severity.valueOf(severity).atLeast(minSeverity);
    }
}
