package io.topline.alerts.evaluation;

import java.math.BigDecimal;

/** What a scorecard shows of one evaluation: read as a projection, so thousands of them load no entities. */
public record EvaluationCell(String measureKey, String period, EvaluationStatus status, EvaluationState state,
                             BigDecimal projection) {
}
