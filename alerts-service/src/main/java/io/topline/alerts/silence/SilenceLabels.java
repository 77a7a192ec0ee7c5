package io.topline.alerts.silence;

import io.topline.alerts.alert.Alert;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The labels a silence can match and their values on an alert. */
public final class SilenceLabels {

    /** Every label a matcher may name. */
    public static final List<String> NAMES = List.of("driver", "function", "measure", "kind", "severity", "period");

    private SilenceLabels() {
    }

    static Map<String, String> of(Alert alert) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("driver", nullToEmpty(alert.driverKey()));
        labels.put("function", nullToEmpty(alert.driverFunction()));
        labels.put("measure", nullToEmpty(alert.measureKey()));
        labels.put("kind", alert.kind().name());
        labels.put("severity", nullToEmpty(alert.severity()));
        labels.put("period", nullToEmpty(alert.period()));
        return labels;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
