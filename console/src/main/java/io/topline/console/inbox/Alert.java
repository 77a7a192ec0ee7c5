package io.topline.console.inbox;

import io.topline.console.scorecard.Numbers;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** An alert as alerts-service's {@code GET /alerts} and {@code GET /alerts/{id}} answer it (what the inbox shows). */
public record Alert(String id, String dedupKey, String kind, String state, String severity, DriverRef driver,
                    MeasureRef measure, String period, BigDecimal actual, TargetRef target,
                    EvaluationRef evaluation, String summary, Instant createdAt, Instant updatedAt,
                    List<String> silencedBy, List<LikelyCause> likelyCauses, List<Transition> transitions) {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** The driver of the alert's measure. */
    public record DriverRef(String key, String name, String function) {
    }

    /** The measure the alert is about. */
    public record MeasureRef(String key, String name, String unit, String currency, String direction,
                             String cadence) {
    }

    /** The target version of the evaluation behind the alert. */
    public record TargetRef(int version, BigDecimal successLevel, BigDecimal failureLevel) {
    }

    /** The evaluation behind the alert's latest state. */
    public record EvaluationRef(String status, String state, BigDecimal projection, Instant evaluatedAt) {
    }

    /** An open red alert upstream that likely explains this one. */
    public record LikelyCause(String alertId, String kind, String driverName, String measureName, String period,
                              int hops) {
    }

    /** One step of the alert's history. */
    public record Transition(int sequence, String from, String to, Instant at, String by, String comment) {
    }

    /** A page of alerts. */
    public record Page(List<Alert> items, int page, int size, long totalItems, int totalPages) {
    }

    /** Whether an on-call person can still acknowledge it. */
    public boolean acknowledgeable() {
        return "FIRING".equals(state);
    }

    /** Whether a person can still resolve it. */
    public boolean resolvable() {
        return !"RESOLVED".equals(state);
    }

    /** When it last changed, to the minute, for reading ({@code 2026-12-02 09:41 UTC}). */
    public String updatedLabel() {
        return updatedAt == null ? "" : MINUTES.format(updatedAt);
    }

    /** Whether a silence mutes it now. */
    public boolean silenced() {
        return silencedBy != null && !silencedBy.isEmpty();
    }

    /** A value in the measure's unit. */
    public String format(BigDecimal value) {
        return measure == null ? Numbers.plain(value) : Numbers.inUnit(value, measure.unit(), measure.currency());
    }

    /** The state as a reader says it, with an icon class: firing is red, acknowledged amber, resolved green. */
    public String stateCss() {
        return switch (state) {
            case "FIRING" -> "status-missed";
            case "ACKNOWLEDGED" -> "status-at-risk";
            default -> "status-met";
        };
    }

    public String stateIcon() {
        return switch (state) {
            case "FIRING" -> "\u2716";
            case "ACKNOWLEDGED" -> "\u26A0";
            default -> "\u2714";
        };
    }

    public String stateLabel() {
        return state.charAt(0) + state.substring(1).toLowerCase();
    }
}
