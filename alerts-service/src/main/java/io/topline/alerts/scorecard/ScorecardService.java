package io.topline.alerts.scorecard;

import io.topline.alerts.catalog.ActualRepository;
import io.topline.alerts.catalog.ActualValue;
import io.topline.alerts.catalog.CatalogDriver;
import io.topline.alerts.catalog.CatalogDriverRepository;
import io.topline.alerts.catalog.CatalogMeasure;
import io.topline.alerts.catalog.CatalogMeasureRepository;
import io.topline.alerts.evaluation.EvaluationCell;
import io.topline.alerts.evaluation.EvaluationRepository;
import io.topline.alerts.evaluation.EvaluationStatus;
import io.topline.alerts.evaluation.Evaluator;
import io.topline.alerts.period.Cadence;
import io.topline.alerts.period.Period;
import io.topline.chassis.calendar.FiscalCalendar;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the scorecard of one cadence in a handful of queries, whatever the number of measures, or gives the one kept
 * since nothing it shows changed.
 */
@ApplicationScoped
public class ScorecardService {

    private final CatalogMeasureRepository measures;
    private final CatalogDriverRepository drivers;
    private final EvaluationRepository evaluations;
    private final ActualRepository actuals;
    private final FiscalCalendar calendar;
    private final Clock clock;
    private final ScorecardCache cache;

    public ScorecardService(CatalogMeasureRepository measures, CatalogDriverRepository drivers,
                            EvaluationRepository evaluations, ActualRepository actuals, FiscalCalendar calendar,
                            Clock clock, ScorecardCache cache) {
        this.measures = measures;
        this.drivers = drivers;
        this.evaluations = evaluations;
        this.actuals = actuals;
        this.calendar = calendar;
        this.clock = clock;
        this.cache = cache;
    }

    /** The scorecard as the JSON of a {@link ScorecardResponse}. */
    @Transactional
    public byte[] scorecard(Cadence cadence, int count) {
        Instant now = clock.instant();
        Period current = Period.containing(calendar, cadence, now);
        return cache.scorecard(cadence, count, current.label(), () -> build(cadence, count, now, current));
    }

    private ScorecardResponse build(Cadence cadence, int count, Instant now, Period current) {
        // a read: the catalog entities loaded here need no dirty check at commit; evaluations and actuals, thousands
        // of them, are read as projections and never become entities
        measures.getEntityManager().unwrap(Session.class).setDefaultReadOnly(true);
        List<Period> window = windowEndingAt(current, count);
        Instant from = window.get(0).start();
        List<String> labels = window.stream().map(Period::label).toList();

        List<CatalogDriver> allDrivers = drivers.list("archived", false);
        Map<String, CatalogDriver> driverByKey = new HashMap<>();
        allDrivers.forEach(d -> driverByKey.put(d.key(), d));
        List<String> flow = RevenueFlow.order(allDrivers);
        Map<String, Integer> position = flowPositions(flow);
        Map<String, Map<String, EvaluationCell>> evaluationOf = evaluationsByMeasure(cadence, from);
        Map<String, Map<String, BigDecimal>> actualOf = actualsByMeasure(cadence, from);

        List<CatalogMeasure> rows = inFlowOrder(measures.activeOfCadence(cadence), position);
        List<ScorecardResponse.Row> result = new ArrayList<>(rows.size());
        for (CatalogMeasure measure : rows) {
            ScorecardResponse.Driver driver = driverOf(measure, driverByKey.get(measure.driverKey()), position);
            result.add(row(measure, driver, current, labels, evaluationOf.getOrDefault(measure.key(), Map.of()),
                    actualOf.getOrDefault(measure.key(), Map.of())));
        }
        return new ScorecardResponse(cadence.name(), current.label(), labels, now, result,
                DriverRollUp.of(result, flow, driverByKey));
    }

    /** The {@code count} periods that end with {@code current}, oldest first. */
    private static List<Period> windowEndingAt(Period current, int count) {
        List<Period> window = new ArrayList<>();
        Period period = current;
        for (int i = 0; i < count; i++) {
            window.add(0, period);
            period = period.previous();
        }
        return window;
    }

    /** Each driver's position in the revenue flow (0 first). */
    private static Map<String, Integer> flowPositions(List<String> flow) {
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < flow.size(); i++) {
            position.put(flow.get(i), i);
        }
        return position;
    }

    /** Evaluations by measure, then by period label: no key strings to build and hash for thousands of cells. */
    private Map<String, Map<String, EvaluationCell>> evaluationsByMeasure(Cadence cadence, Instant from) {
        Map<String, Map<String, EvaluationCell>> evaluationOf = new HashMap<>();
        for (EvaluationCell e : evaluations.cellsOfCadenceSince(cadence, from)) {
            evaluationOf.computeIfAbsent(e.measureKey(), k -> new HashMap<>()).put(e.period(), e);
        }
        return evaluationOf;
    }

    /** Actual values by measure, then by period label, as {@link #evaluationsByMeasure}. */
    private Map<String, Map<String, BigDecimal>> actualsByMeasure(Cadence cadence, Instant from) {
        Map<String, Map<String, BigDecimal>> actualOf = new HashMap<>();
        for (ActualValue a : actuals.valuesOfCadenceSince(cadence, from)) {
            actualOf.computeIfAbsent(a.measureKey(), k -> new HashMap<>()).put(a.period(), a.value());
        }
        return actualOf;
    }

    /** Rows in revenue-flow order of their drivers (drivers outside the flow last), then by driver and measure key. */
    private static List<CatalogMeasure> inFlowOrder(List<CatalogMeasure> measures, Map<String, Integer> position) {
        List<CatalogMeasure> rows = new ArrayList<>(measures);
        rows.sort(Comparator.comparingInt((CatalogMeasure m) -> position.getOrDefault(m.driverKey(), Integer.MAX_VALUE))
                .thenComparing(CatalogMeasure::driverKey).thenComparing(CatalogMeasure::key));
        return rows;
    }

    /** The row's driver; a driver the catalog does not know (yet) is shown by its key. */
    private static ScorecardResponse.Driver driverOf(CatalogMeasure measure, CatalogDriver driver,
                                                     Map<String, Integer> position) {
        return new ScorecardResponse.Driver(measure.driverKey(), driver == null ? measure.driverKey() : driver.name(),
                driver == null ? null : driver.function(), driver == null ? null : driver.owner(),
                position.getOrDefault(measure.driverKey(), -1));
    }

    private static ScorecardResponse.Row row(CatalogMeasure measure, ScorecardResponse.Driver driver, Period current,
                                             List<String> labels, Map<String, EvaluationCell> evaluated,
                                             Map<String, BigDecimal> measured) {
        List<ScorecardResponse.Cell> cells = new ArrayList<>(labels.size());
        for (String label : labels) {
            EvaluationCell e = evaluated.get(label);
            cells.add(new ScorecardResponse.Cell(label, measured.get(label), e == null ? null : e.status().name(),
                    e == null ? null : e.state().name()));
        }
        EvaluationCell currentEvaluation = evaluated.get(current.label());
        ScorecardResponse.Target target = measure.targetFor(current).map(t -> new ScorecardResponse.Target(
                t.version(), t.effectiveFrom(), t.successLevel(), t.failureLevel(), t.severity())).orElse(null);
        return new ScorecardResponse.Row(measure.key(), measure.name(), driver, measure.owner(), measure.unit(),
                measure.currency(), measure.direction(), measure.aggregation(), target, cells,
                currentEvaluation == null ? null : currentEvaluation.projection(), trailing(measure, cells),
                misses(evaluated, labels));
    }

    /** The window's total or average over the periods with data; no value when none has any. */
    private static ScorecardResponse.Trailing trailing(CatalogMeasure measure, List<ScorecardResponse.Cell> cells) {
        BigDecimal total = BigDecimal.ZERO;
        int withData = 0;
        for (ScorecardResponse.Cell cell : cells) {
            if (cell.actual() != null) {
                total = total.add(cell.actual());
                withData++;
            }
        }
        if (measure.accumulates()) {
            return new ScorecardResponse.Trailing("TOTAL", withData == 0 ? null : total, withData);
        }
        return new ScorecardResponse.Trailing("AVERAGE", withData == 0 ? null
                : Evaluator.plain(total.divide(BigDecimal.valueOf(withData), MathContext.DECIMAL64)), withData);
    }

    /** Closed periods of the window whose target was missed; an open period has not missed yet. */
    private static int misses(Map<String, EvaluationCell> evaluated, List<String> labels) {
        int misses = 0;
        for (String label : labels) {
            EvaluationCell e = evaluated.get(label);
            if (e != null && e.state().closed() && e.status() == EvaluationStatus.MISSED) {
                misses++;
            }
        }
        return misses;
    }
}
