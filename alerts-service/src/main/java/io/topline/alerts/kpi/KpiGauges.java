package io.topline.alerts.kpi;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The scorecard as Prometheus gauges, labelled by measure, driver and function (never by period, so the series stay
 * one per active measure). A scheduled refresh reads every measure from the database into a snapshot; a scrape only
 * reads the values already there, so its cost is the same with 5 or 5,000 measures. A refresh keeps the series that
 * stay (each reads its value from the newest snapshot) and adds or drops only those that come or go: registering all
 * of them again (MultiGauge's overwrite) removed and created 30,000 meters every refresh with 5,000 measures, about a
 * tenth of the CPU the service spent while it built large scorecards.
 */
@ApplicationScoped
public class KpiGauges {

    private static final Logger LOG = Logger.getLogger(KpiGauges.class);

    /** The status as a number, for thresholds and colours in a dashboard. */
    static final Map<String, Integer> STATUS_CODES = Map.of("NO_DATA", 0, "MET", 1, "AT_RISK", 2, "MISSED", 3);

    private final KpiReader reader;
    private final Clock clock;
    private final MultiGauge actual;
    private final MultiGauge successLevel;
    private final MultiGauge failureLevel;
    private final MultiGauge status;
    private final MultiGauge periodClosed;
    private final MultiGauge firingAlerts;
    private volatile Instant refreshedAt;
    private volatile int measures;
    /** The last snapshot read, by measure key: what every series reports. */
    private volatile Map<String, MeasureKpi> snapshot = Map.of();

    public KpiGauges(KpiReader reader, MeterRegistry registry, Clock clock) {
        this.reader = reader;
        this.clock = clock;
        actual = multiGauge(registry, "topline.kpi.actual", "The actual of the measure's latest evaluated period that has one");
        successLevel = multiGauge(registry, "topline.kpi.success.level",
                "The success level in effect for the measure's latest evaluated period");
        failureLevel = multiGauge(registry, "topline.kpi.failure.level",
                "The failure level in effect for the measure's latest evaluated period");
        status = multiGauge(registry, "topline.kpi.status",
                "The latest evaluation's status: 0 no data, 1 met, 2 at risk, 3 missed");
        periodClosed = multiGauge(registry, "topline.kpi.period.closed",
                "1 when the latest evaluation is of a closed period (FINAL or REVISED), 0 while it is provisional");
        firingAlerts = multiGauge(registry, "topline.kpi.firing.alerts", "The measure's alerts in state FIRING");
        Gauge.builder("topline.kpi.measures", this, g -> g.measures)
                .description("Active measures in the KPI snapshot").register(registry);
        Gauge.builder("topline.kpi.snapshot.age", this, KpiGauges::snapshotAgeSeconds).baseUnit("seconds")
                .description("Seconds since the KPI snapshot was read from the database (-1 before the first read)")
                .register(registry);
    }

    @Scheduled(identity = "kpi-refresh", every = "${topline.kpi.refresh-interval:15s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledRefresh() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // the gauges keep the last snapshot, and topline_kpi_snapshot_age shows it getting older
            LOG.warnf("The KPI snapshot could not be refreshed: %s", e.getMessage());
        }
    }

    /** Reads every active measure again into the snapshot the series report; those of measures gone since disappear. */
    public void refresh() {
        List<MeasureKpi> kpis = reader.readAll();
        Map<String, MeasureKpi> byMeasure = new HashMap<>();
        kpis.forEach(kpi -> byMeasure.put(kpi.measure(), kpi));
        // before the rows: a series that stays reads the new values as soon as the snapshot is swapped
        snapshot = byMeasure;
        actual.register(rows(kpis, MeasureKpi::actual), false);
        successLevel.register(rows(kpis, MeasureKpi::successLevel), false);
        failureLevel.register(rows(kpis, MeasureKpi::failureLevel), false);
        status.register(rows(kpis, KpiGauges::statusCode), false);
        periodClosed.register(rows(kpis, KpiGauges::periodClosed), false);
        firingAlerts.register(rows(kpis, MeasureKpi::firingAlerts), false);
        measures = kpis.size();
        refreshedAt = clock.instant();
    }

    /** A series for each measure that has a value; it reads the value from the newest snapshot at each scrape. */
    private List<MultiGauge.Row<?>> rows(List<MeasureKpi> kpis, Function<MeasureKpi, Number> value) {
        return kpis.stream()
                .filter(k -> value.apply(k) != null)
                .<MultiGauge.Row<?>>map(k -> MultiGauge.Row.of(tags(k), this,
                        gauges -> gauges.current(k.measure(), value)))
                .toList();
    }

    /** The measure's value in the newest snapshot; NaN only while a refresh drops its series. */
    private double current(String measure, Function<MeasureKpi, Number> value) {
        MeasureKpi kpi = snapshot.get(measure);
        Number number = kpi == null ? null : value.apply(kpi);
        return number == null ? Double.NaN : number.doubleValue();
    }

    private static Integer statusCode(MeasureKpi kpi) {
        return kpi.status() == null ? null : STATUS_CODES.get(kpi.status());
    }

    private static Integer periodClosed(MeasureKpi kpi) {
        return kpi.state() == null ? null : "PROVISIONAL".equals(kpi.state()) ? 0 : 1;
    }

    private static Tags tags(MeasureKpi kpi) {
        return Tags.of("measure", kpi.measure(), "driver", kpi.driver(), "function", kpi.function());
    }

    private static MultiGauge multiGauge(MeterRegistry registry, String name, String description) {
        return MultiGauge.builder(name).description(description).register(registry);
    }

    private double snapshotAgeSeconds() {
        Instant at = refreshedAt;
        return at == null ? -1 : Duration.between(at, clock.instant()).toMillis() / 1000.0;
    }
}
