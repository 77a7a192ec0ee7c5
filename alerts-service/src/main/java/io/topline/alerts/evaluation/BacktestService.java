package io.topline.alerts.evaluation;

import io.topline.alerts.catalog.ActualRepository;
import io.topline.alerts.catalog.ActualValue;
import io.topline.alerts.catalog.CatalogMeasure;
import io.topline.alerts.catalog.CatalogMeasureRepository;
import io.topline.alerts.period.Period;
import io.topline.chassis.calendar.FiscalCalendar;
import io.topline.chassis.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges a measure's last ended periods with proposed levels, as the closing job would judge them: each period's
 * actual (a running total's whole-period value, never a projection) against the levels, NO_DATA without an actual.
 * It reads the measure, the periods' actuals and their current evaluations in three queries and writes nothing.
 */
@ApplicationScoped
public class BacktestService {

    private final CatalogMeasureRepository measures;
    private final ActualRepository actuals;
    private final EvaluationRepository evaluations;
    private final FiscalCalendar calendar;
    private final Clock clock;

    public BacktestService(CatalogMeasureRepository measures, ActualRepository actuals,
                           EvaluationRepository evaluations, FiscalCalendar calendar, Clock clock) {
        this.measures = measures;
        this.actuals = actuals;
        this.evaluations = evaluations;
        this.calendar = calendar;
        this.clock = clock;
    }

    @Transactional
    public BacktestResponse backtest(BacktestRequest request) {
        // a read: nothing loaded here needs a dirty check at commit
        measures.getEntityManager().unwrap(Session.class).setDefaultReadOnly(true);
        CatalogMeasure measure = measures.findByIdOptional(request.measure())
                .orElseThrow(() -> ProblemException.notFound("Measure", request.measure()));
        requireLevelsOnTheirSides(measure, request.successLevel(), request.failureLevel());
        List<String> labels = endedPeriods(measure, request.periodCount());
        Map<String, BigDecimal> actualOf = new HashMap<>();
        for (ActualValue actual : actuals.valuesOf(measure.key(), labels)) {
            actualOf.put(actual.period(), actual.value());
        }
        Map<String, EvaluationStatus> currentOf = new HashMap<>();
        for (EvaluationCell cell : evaluations.cellsOf(measure.key(), labels)) {
            currentOf.put(cell.period(), cell.status());
        }
        Map<EvaluationStatus, Integer> counts = new EnumMap<>(EvaluationStatus.class);
        List<BacktestResponse.PeriodResult> results = new ArrayList<>(labels.size());
        for (String label : labels) {
            BigDecimal actual = actualOf.get(label);
            EvaluationStatus status = actual == null ? EvaluationStatus.NO_DATA
                    : Evaluator.judge(actual, measure.higherIsBetter(), request.successLevel(), request.failureLevel());
            counts.merge(status, 1, Integer::sum);
            results.add(new BacktestResponse.PeriodResult(label, actual, status, currentOf.get(label)));
        }
        int met = counts.getOrDefault(EvaluationStatus.MET, 0);
        int amber = counts.getOrDefault(EvaluationStatus.AT_RISK, 0);
        int missed = counts.getOrDefault(EvaluationStatus.MISSED, 0);
        int noData = counts.getOrDefault(EvaluationStatus.NO_DATA, 0);
        return new BacktestResponse(measure.key(), measure.cadence().name(), labels.size(), met, amber, missed, noData,
                results, BacktestSummary.of(measure.cadence(), met, amber, missed, noData));
    }

    /** The labels of the last {@code count} periods of the measure's cadence that have ended, oldest first. */
    private List<String> endedPeriods(CatalogMeasure measure, int count) {
        // the period holding now is open: the newest ended one is the one before it
        Period period = Period.containing(calendar, measure.cadence(), clock.instant()).previous();
        String[] labels = new String[count];
        for (int i = count - 1; i >= 0; i--) {
            labels[i] = period.label();
            period = period.previous();
        }
        return List.of(labels);
    }

    /** The rule drivers-service applies to a new target, so a backtest never judges levels it would refuse. */
    private static void requireLevelsOnTheirSides(CatalogMeasure measure, BigDecimal success, BigDecimal failure) {
        if (measure.higherIsBetter() && failure.compareTo(success) > 0) {
            throw ProblemException.unprocessable("failureLevel", "For a HIGHER_IS_BETTER measure failure is the low "
                    + "side: failureLevel " + failure.toPlainString() + " must be at or below successLevel "
                    + success.toPlainString());
        }
        if (!measure.higherIsBetter() && failure.compareTo(success) < 0) {
            throw ProblemException.unprocessable("failureLevel", "For a LOWER_IS_BETTER measure failure is the high "
                    + "side: failureLevel " + failure.toPlainString() + " must be at or above successLevel "
                    + success.toPlainString());
        }
    }
}
