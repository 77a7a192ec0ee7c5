package io.topline.alerts.scorecard;

import io.topline.alerts.catalog.ActualRepository;
import io.topline.alerts.catalog.ActualValue;
import io.topline.alerts.catalog.CatalogDriver;
import io.topline.alerts.catalog.CatalogDriverRepository;
import io.topline.alerts.catalog.CatalogMeasure;
import io.topline.alerts.catalog.CatalogMeasureRepository;
import io.topline.alerts.evaluation.EvaluationCell;
import io.topline.alerts.evaluation.EvaluationConfig;
import io.topline.alerts.evaluation.EvaluationRepository;
import io.topline.alerts.evaluation.EvaluationStatus;
import io.topline.alerts.evaluation.Evaluator;
import io.topline.alerts.period.Cadence;
import io.topline.alerts.period.Period;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds the scorecard of one cadence in a handful of queries, whatever the number of measures. */
@ApplicationScoped
public class ScorecardService {

    private final CatalogMeasureRepository measures;
    private final CatalogDriverRepository drivers;
    private final EvaluationRepository evaluations;
    private final ActualRepository actuals;
    private final EvaluationConfig config;
    private final Clock clock;

    public ScorecardService(CatalogMeasureRepository measures, CatalogDriverRepository drivers,
                            EvaluationRepository evaluations, ActualRepository actuals, EvaluationConfig config,
                            Clock clock) {
        this.measures = measures;
        this.drivers = drivers;
        this.evaluations = evaluations;
        this.actuals = actuals;
        this.config = config;
        this.clock = clock;
    }

    @Transactional
    public ScorecardResponse scorecard(Cadence cadence, int count) {
        // a read: the catalog entities loaded here need no dirty check at commit; evaluations and actuals, thousands
        // of them, are read as projections and never become entities
        measures.getEntityManager().unwrap(Session.class).setDefaultReadOnly(true);
        ZoneId zone = config.timeZone();
        Instant now = clock.instant();
        Period current = Period.containing(cadence, now, zone);
        List<Period> window = new ArrayList<>();
        Period period = current;
        for (int i = 0; i < count; i++) {
            window.add(0, period);
            period = period.previous();
        }
        Instant from = window.get(0).start(zone);

        List<CatalogDriver> allDrivers = drivers.list("archived", false);
        Map<String, CatalogDriver> driverByKey = new HashMap<>();
        allDrivers.forEach(d -> driverByKey.put(d.key(), d));
        Map<String, Integer> position = new HashMap<>();
        List<String> flow = RevenueFlow.order(allDrivers);
        for (int i = 0; i < flow.size(); i++) {
            position.put(flow.get(i), i);
        }
        // per measure, then per period label: no key strings to build and hash for each of the thousands of cells
        Map<String, Map<String, EvaluationCell>> evaluationOf = new HashMap<>();
        for (EvaluationCell e : evaluations.cellsOfCadenceSince(cadence, from)) {
            evaluationOf.computeIfAbsent(e.measureKey(), k -> new HashMap<>()).put(e.period(), e);
        }
        Map<String, Map<String, BigDecimal>> actualOf = new HashMap<>();
        for (ActualValue a : actuals.valuesOfCadenceSince(cadence, from)) {
            actualOf.computeIfAbsent(a.measureKey(), k -> new HashMap<>()).put(a.period(), a.value());
        }
        List<String> labels = window.stream().map(Period::label).toList();

        List<CatalogMeasure> rows = new ArrayList<>(measures.activeOfCadence(cadence));
        rows.sort(Comparator.comparingInt((CatalogMeasure m) -> position.getOrDefault(m.driverKey(), Integer.MAX_VALUE))
                .thenComparing(CatalogMeasure::driverKey).thenComparing(CatalogMeasure::key));
        List<ScorecardResponse.Row> result = new ArrayList<>(rows.size());
        for (CatalogMeasure measure : rows) {
            Map<String, EvaluationCell> evaluated = evaluationOf.getOrDefault(measure.key(), Map.of());
            Map<String, BigDecimal> measured = actualOf.getOrDefault(measure.key(), Map.of());
            List<ScorecardResponse.Cell> cells = new ArrayList<>(labels.size());
            BigDecimal total = BigDecimal.ZERO;
            int withData = 0;
            int misses = 0;
            for (String label : labels) {
                EvaluationCell e = evaluated.get(label);
                BigDecimal actual = measured.get(label);
                if (actual != null) {
                    total = total.add(actual);
                    withData++;
                }
                if (e != null && e.state().closed() && e.status() == EvaluationStatus.MISSED) {
                    misses++;
                }
                cells.add(new ScorecardResponse.Cell(label, actual, e == null ? null : e.status().name(),
                        e == null ? null : e.state().name()));
            }
            EvaluationCell now0 = evaluated.get(current.label());
            ScorecardResponse.Trailing trailing = measure.accumulates()
                    ? new ScorecardResponse.Trailing("TOTAL", withData == 0 ? null : total, withData)
                    : new ScorecardResponse.Trailing("AVERAGE", withData == 0 ? null
                    : Evaluator.plain(total.divide(BigDecimal.valueOf(withData), MathContext.DECIMAL64)), withData);
            CatalogDriver driver = driverByKey.get(measure.driverKey());
            result.add(new ScorecardResponse.Row(measure.key(), measure.name(),
                    new ScorecardResponse.Driver(measure.driverKey(), driver == null ? measure.driverKey() : driver.name(),
                            driver == null ? null : driver.function(), driver == null ? null : driver.owner(),
                            position.getOrDefault(measure.driverKey(), -1)),
                    measure.owner(), measure.unit(), measure.currency(), measure.direction(), measure.aggregation(),
                    measure.targetFor(current).map(t -> new ScorecardResponse.Target(t.version(), t.effectiveFrom(),
                            t.successLevel(), t.failureLevel(), t.severity())).orElse(null),
                    cells, now0 == null ? null : now0.projection(), trailing, misses));
        }
        return new ScorecardResponse(cadence.name(), current.label(), labels, now, result);
    }
}
