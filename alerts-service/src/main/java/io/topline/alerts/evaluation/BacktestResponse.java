package io.topline.alerts.evaluation;

import java.math.BigDecimal;
import java.util.List;

/**
 * How proposed levels would have judged a measure's last ended periods, oldest first: the counts per status ({@code
 * amber} counts AT_RISK), each period with its actual, the status it would have had and the status the suite holds
 * for it now (null when it holds none), and a sentence that says it in plain words.
 */
public record BacktestResponse(String measure, String cadence, int periods, int met, int amber, int missed,
                               int noData, List<PeriodResult> periodsResults, String summary) {

    /** One period: its final actual (null without data), the proposed levels' status and the current one. */
    public record PeriodResult(String period, BigDecimal actual, EvaluationStatus status,
                               EvaluationStatus currentStatus) {
    }
}
