package io.topline.alerts.alert;

import io.topline.alerts.cause.LikelyCause;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code data} of the topline.alert.* events (docs/events.md); also the body of webhooks and stream events.
 * {@code silencedBy} lists the silences that muted the transition (empty when it was notified); {@code likelyCauses}
 * the open red alerts upstream in the revenue flow, nearest first, which the summary of an open alert names too.
 */
public record AlertEventData(String alertId, String dedupKey, String kind, String state, String severity,
                             DriverRef driver, MeasureRef measure, String period, BigDecimal actual, TargetRef target,
                             EvaluationRef evaluation, Map<String, String> labels, String summary,
                             TransitionRef transition, int sequence, List<String> silencedBy,
                             List<LikelyCause> likelyCauses) {

    /** The driver the measure belongs to. */
    public record DriverRef(String key, String name, String function) {
    }

    /** The measure the alert is about. */
    public record MeasureRef(String key, String name, String unit, String currency, String direction, String cadence) {
    }

    /** The target version the evaluation used. */
    public record TargetRef(int version, BigDecimal successLevel, BigDecimal failureLevel) {
    }

    /** The evaluation behind the alert's latest state. */
    public record EvaluationRef(String status, String state, BigDecimal projection, Instant evaluatedAt) {
    }

    /** The transition this event announces. */
    public record TransitionRef(String from, String to, Instant at, String by, String comment) {
    }

    /** The event type announcing a move to {@code to}. */
    public static String typeOf(AlertState to) {
        return switch (to) {
            case FIRING -> "topline.alert.fired";
            case ACKNOWLEDGED -> "topline.alert.acknowledged";
            case RESOLVED -> "topline.alert.resolved";
        };
    }

    public static AlertEventData of(Alert alert, AlertTransition transition) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("driver", alert.driverKey());
        labels.put("function", alert.driverFunction());
        labels.put("measure", alert.measureKey());
        labels.put("severity", alert.severity());
        labels.put("kind", alert.kind().name());
        return new AlertEventData(alert.id().toString(), alert.dedupKey(), alert.kind().name(), alert.state().name(),
                alert.severity(),
                new DriverRef(alert.driverKey(), alert.driverName(), alert.driverFunction()),
                new MeasureRef(alert.measureKey(), alert.measureName(), alert.unit(), alert.currency(),
                        alert.direction(), alert.cadence()),
                alert.period(), alert.actual(),
                new TargetRef(alert.targetVersion(), alert.successLevel(), alert.failureLevel()),
                new EvaluationRef(alert.evaluationStatus(), alert.evaluationState(), alert.projection(),
                        alert.evaluatedAt()),
                labels, alert.state().open() ? AlertSummaries.withCauses(alert.summary(), alert.likelyCauses())
                        : alert.summary(),
                new TransitionRef(transition.from(), transition.to(), transition.at(), transition.by(),
                        transition.comment()),
                transition.sequence(), alert.silencedBy(), alert.likelyCauses());
    }
}
