package io.topline.alerts.grouping;

import io.topline.alerts.alert.AlertEventData;

import java.util.List;
import java.util.stream.Collectors;

/** A label notifications are grouped by: alerts that share the values of a receiver's labels go in one message. */
public enum GroupLabel {
    FUNCTION, DRIVER, MEASURE, PERIOD, KIND, SEVERITY;

    /** The default, after DESIGN.md: one message per period close and driver function. */
    public static final List<GroupLabel> DEFAULT = List.of(FUNCTION, PERIOD);

    /** This label's value in the alert event. */
    public String valueOf(AlertEventData data) {
        return switch (this) {
            case FUNCTION -> data.driver().function();
            case DRIVER -> data.driver().key();
            case MEASURE -> data.measure().key();
            case PERIOD -> data.period();
            case KIND -> data.kind();
            case SEVERITY -> data.severity();
        };
    }

    /** The group an alert event falls into under these labels: {@code FUNCTION=SALES,PERIOD=2026-W48}. */
    public static String keyOf(List<GroupLabel> labels, AlertEventData data) {
        return labels.stream().map(label -> label.name() + "=" + label.valueOf(data)).collect(Collectors.joining(","));
    }
}
