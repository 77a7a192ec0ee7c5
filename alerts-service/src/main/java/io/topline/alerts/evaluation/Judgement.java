package io.topline.alerts.evaluation;

import java.math.BigDecimal;

/** What the evaluator concluded for one period: the status and, while the period is open, the judged projection. */
public record Judgement(EvaluationStatus status, BigDecimal projection) {
}
