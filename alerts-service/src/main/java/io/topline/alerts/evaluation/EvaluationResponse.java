package io.topline.alerts.evaluation;

import java.math.BigDecimal;
import java.time.Instant;

/** One period's evaluation with the target version, actual and projection it used. */
public record EvaluationResponse(String measure, String period, String cadence, Instant periodStart,
                                 Instant periodEnd, String status, String state, BigDecimal actual,
                                 BigDecimal projection, Target target, Instant evaluatedAt) {

    /** The target version in effect for the period. */
    public record Target(int version, BigDecimal successLevel, BigDecimal failureLevel, String severity) {
    }

    public static EvaluationResponse of(Evaluation e) {
        return new EvaluationResponse(e.measureKey(), e.period(), e.cadence().name(), e.periodStart(), e.periodEnd(),
                e.status().name(), e.state().name(), e.actual(), e.projection(),
                new Target(e.targetVersion(), e.successLevel(), e.failureLevel(), e.severity()), e.evaluatedAt());
    }
}
