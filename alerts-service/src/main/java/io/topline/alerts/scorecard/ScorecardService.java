package io.topline.alerts.scorecard;

import io.topline.alerts.catalog.ActualRepository;
import io.topline.alerts.catalog.ActualValue;
import io.topline.alerts.catalog.CatalogDriver;
import io.topline.alerts.catalog.CatalogDriverRepository;
import io.topline.alerts.catalog.CatalogMeasure;
import io.topline.alerts.catalog.CatalogMeasureRepository;
import io.topline.alerts.evaluation.EvaluationCell;
import io.topline.alerts.evaluation.EvaluationRepository;
import io.topline.alerts.evaluation.EvaluationState;
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
 * since nothing it shows changed. A scorecard built after the one built last for the same window, with the catalog
 * unchanged since, starts from that one's rows and re-reads only the actuals and evaluations written since it
 * ({@link ScorecardChanges}): one new actual is one changed row of thousands, and reading, building and collecting
 * all 5,000 rows again took 250-650 ms.
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
    private final ScorecardChanges changes;
    /** The scorecard built last and what it was built from, to start the next build of its window from. */
    private volatile Built last;

    public ScorecardService(CatalogMeasureRepository measures, CatalogDriverRepository drivers,
                            EvaluationRepository evaluations, ActualRepository actuals, FiscalCalendar calendar,
                            Clock clock, ScorecardCache cache, ScorecardChanges changes) {
        this.measures = measures;
        this.drivers = drivers;
        this.evaluations = evaluations;
        this.actuals = actuals;
        this.calendar = calendar;
        this.clock = clock;
        this.cache = cache;
        this.changes = changes;
    }

    /**
     * A built scorecard with what a later build of its window needs to start from it: the horizon read before its
     * data and the (detached, read-only) catalog entities its rows came from.
     */
    private record Built(Cadence cadence, int count, String currentPeriod, Instant from,
                         ScorecardChanges.Horizon horizon, Map<String, CatalogMeasure> measureByKey,
                         Map<String, CatalogDriver> driverByKey, List<String> flow, ScorecardResponse scorecard) {

        boolean window(Cadence cadence, int count, String currentPeriod) {
            return this.cadence == cadence && this.count == count && this.currentPeriod.equals(currentPeriod);
        }
    }

    /** The scorecard as the JSON of a {@link ScorecardResponse}. */
    @Transactional
    public byte[] scorecard(Cadence cadence, int count) {
        Instant now = clock.instant();
        Period current = Period.containing(calendar, cadence, now);
        return cache.scorecard(cadence, count, current.label(), () -> build(cadence, count, now, current));
    }

    private ScorecardResponse build(Cadence cadence, int count, Instant now, Period current) {
        ScorecardChanges.Horizon horizon = changes.horizon();
        Built earlier = last;
        if (earlier != null && earlier.window(cadence, count, current.label()) && horizon.follows(earlier.horizon())
                && !changes.driversOrTargetsWritten(earlier.horizon())
                && sameRows(earlier, changes.measures(earlier.horizon()))) {
            return remember(updated(earlier, now, current, horizon));
        }
        return remember(built(cadence, count, now, current, horizon));
    }

    /**
     * Whether the measures written since the earlier scorecard still show as its rows did: the same rows, the same
     * catalog facts (most are written only for the heartbeat of a new measurement).
     */
    private static boolean sameRows(Built earlier, List<ScorecardChanges.Measure> written) {
        for (ScorecardChanges.Measure now : written) {
            CatalogMeasure before = earlier.measureByKey().get(now.key());
            boolean different = before == null ? now.cadence().equals(earlier.cadence().name()) && !now.archived()
                    : !ScorecardChanges.Measure.of(before).equals(now);
            if (different) {
                return false;
            }
        }
        return true;
    }

    private ScorecardResponse remember(Built built) {
        last = built;
        return built.scorecard();
    }

    /** Every row read and built afresh. */
    private Built built(Cadence cadence, int count, Instant now, Period current, ScorecardChanges.Horizon horizon) {
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
        Map<String, Map<String, EvaluationCell>> evaluationOf =
                evaluationsByMeasure(evaluations.cellsOfCadenceSince(cadence, from));
        Map<String, Map<String, BigDecimal>> actualOf = actualsByMeasure(actuals.valuesOfCadenceSince(cadence, from));

        List<CatalogMeasure> rows = inFlowOrder(measures.activeOfCadence(cadence), position);
        List<ScorecardResponse.Row> result = new ArrayList<>(rows.size());
        for (CatalogMeasure measure : rows) {
            ScorecardResponse.Driver driver = driverOf(measure, driverByKey.get(measure.driverKey()), position);
            result.add(row(measure, driver, current, labels, evaluationOf.getOrDefault(measure.key(), Map.of()),
                    actualOf.getOrDefault(measure.key(), Map.of())));
        }
        Map<String, CatalogMeasure> measureByKey = new HashMap<>();
        rows.forEach(m -> measureByKey.put(m.key(), m));
        return new Built(cadence, count, current.label(), from, horizon, measureByKey, driverByKey, flow,
                new ScorecardResponse(cadence.name(), current.label(), labels, now, result,
                        DriverRollUp.of(result, flow, driverByKey)));
    }

    /**
     * The earlier scorecard with the actuals and evaluations written since its horizon put into their rows; every
     * other row is the earlier one itself.
     */
    private Built updated(Built earlier, Instant now, Period current, ScorecardChanges.Horizon horizon) {
        ScorecardResponse before = earlier.scorecard();
        Cadence cadence = earlier.cadence();
        Instant from = earlier.from();
        Map<String, Map<String, EvaluationCell>> evaluationOf =
                evaluationsByMeasure(changes.evaluations(cadence, from, earlier.horizon()));
        Map<String, Map<String, BigDecimal>> actualOf =
                actualsByMeasure(changes.actuals(cadence, from, earlier.horizon()));
        List<ScorecardResponse.Row> result = new ArrayList<>(before.measures().size());
        for (ScorecardResponse.Row row : before.measures()) {
            Map<String, EvaluationCell> evaluated = evaluationOf.get(row.key());
            Map<String, BigDecimal> measured = actualOf.get(row.key());
            result.add(evaluated == null && measured == null ? row : updatedRow(row,
                    earlier.measureByKey().get(row.key()), current, evaluated == null ? Map.of() : evaluated,
                    measured == null ? Map.of() : measured));
        }
        return new Built(cadence, earlier.count(), current.label(), from, horizon, earlier.measureByKey(),
                earlier.driverByKey(), earlier.flow(), new ScorecardResponse(cadence.name(), current.label(),
                before.periods(), now, result, DriverRollUp.of(result, earlier.flow(), earlier.driverByKey())));
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
    private static Map<String, Map<String, EvaluationCell>> evaluationsByMeasure(List<EvaluationCell> cells) {
        Map<String, Map<String, EvaluationCell>> evaluationOf = new HashMap<>();
        for (EvaluationCell e : cells) {
            evaluationOf.computeIfAbsent(e.measureKey(), k -> new HashMap<>()).put(e.period(), e);
        }
        return evaluationOf;
    }

    /** Actual values by measure, then by period label, as {@link #evaluationsByMeasure}. */
    private static Map<String, Map<String, BigDecimal>> actualsByMeasure(List<ActualValue> values) {
        Map<String, Map<String, BigDecimal>> actualOf = new HashMap<>();
        for (ActualValue a : values) {
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
                misses(cells));
    }

    /** The row with the evaluations and actuals written since it was built in its cells; the rest as it was. */
    private static ScorecardResponse.Row updatedRow(ScorecardResponse.Row row, CatalogMeasure measure, Period current,
                                                    Map<String, EvaluationCell> evaluated,
                                                    Map<String, BigDecimal> measured) {
        List<ScorecardResponse.Cell> cells = new ArrayList<>(row.periods().size());
        for (ScorecardResponse.Cell cell : row.periods()) {
            EvaluationCell e = evaluated.get(cell.period());
            cells.add(new ScorecardResponse.Cell(cell.period(),
                    measured.containsKey(cell.period()) ? measured.get(cell.period()) : cell.actual(),
                    e == null ? cell.status() : e.status().name(), e == null ? cell.state() : e.state().name()));
        }
        EvaluationCell currentEvaluation = evaluated.get(current.label());
        return new ScorecardResponse.Row(row.key(), row.name(), row.driver(), row.owner(), row.unit(),
                row.currency(), row.direction(), row.aggregation(), row.target(), cells,
                currentEvaluation == null ? row.projection() : currentEvaluation.projection(),
                trailing(measure, cells), misses(cells));
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
    private static int misses(List<ScorecardResponse.Cell> cells) {
        int misses = 0;
        for (ScorecardResponse.Cell cell : cells) {
            if (cell.state() != null && EvaluationState.valueOf(cell.state()).closed()
                    && EvaluationStatus.MISSED.name().equals(cell.status())) {
                misses++;
            }
        }
        return misses;
    }
}
