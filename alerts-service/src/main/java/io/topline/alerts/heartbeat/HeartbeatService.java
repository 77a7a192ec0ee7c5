package io.topline.alerts.heartbeat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.topline.alerts.alert.AlertService;
import io.topline.alerts.catalog.CatalogMeasure;
import io.topline.alerts.catalog.CatalogMeasureRepository;
import io.topline.alerts.catalog.TargetVersion;
import io.topline.alerts.evaluation.EvaluationRepository;
import io.topline.alerts.period.Period;
import io.topline.chassis.calendar.FiscalCalendar;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Raises a STALE alert when a measure's source has been silent longer than its heartbeat, for the open period, and
 * resolves it when the next measurement arrives. Each measure is judged under its lock with the open alert checked
 * first, so replicas that check at once fire one alert.
 */
@ApplicationScoped
public class HeartbeatService {

    private static final Logger LOG = Logger.getLogger(HeartbeatService.class);

    private final CatalogMeasureRepository measures;
    private final EvaluationRepository evaluations;
    private final AlertService alerts;
    private final FiscalCalendar calendar;
    private final Clock clock;

    public HeartbeatService(CatalogMeasureRepository measures, EvaluationRepository evaluations, AlertService alerts,
                            FiscalCalendar calendar, Clock clock) {
        this.measures = measures;
        this.evaluations = evaluations;
        this.alerts = alerts;
        this.calendar = calendar;
        this.clock = clock;
    }

    /** Checks every measure whose source looks overdue; returns the measures whose STALE alert fired. */
    public List<String> check() {
        Instant now = clock.instant();
        List<String> fired = new ArrayList<>();
        for (String key : QuarkusTransaction.requiringNew().call(() -> measures.overdueHeartbeats(now))) {
            try {
                if (QuarkusTransaction.requiringNew().call(() -> check(key, now))) {
                    fired.add(key);
                }
            } catch (RuntimeException e) {
                // one measure's failure must not keep the others' silence from being told
                LOG.errorf(e, "Could not check the heartbeat of measure %s", key);
            }
        }
        return fired;
    }

    /** A newer actual of the measure arrived at {@code at}: its STALE alerts resolve. The caller holds its lock. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void heard(CatalogMeasure measure, Instant at) {
        alerts.heard(measure, at);
    }

    /** {@link #heard(CatalogMeasure, Instant)} for several locked measures, with their STALE alerts read at once. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void heard(Map<CatalogMeasure, Instant> heard) {
        alerts.heard(heard);
    }

    private boolean check(String key, Instant now) {
        CatalogMeasure measure = measures.lock(key).orElse(null);
        if (measure == null || measure.archived() || measure.expectedEvery() == null
                || measure.silentSince() == null || measure.silentSince().plus(measure.expectedEvery()).isAfter(now)) {
            return false;
        }
        Period period = Period.containing(calendar, measure.cadence(), now);
        List<TargetVersion> target = measure.targetFor(period).stream().toList();
        if (target.isEmpty()) {
            return false; // nobody set a target for this period: its silence concerns nobody yet
        }
        return alerts.stale(measure, period.label(), target.get(0),
                evaluations.findFor(key, period.label()).orElse(null), now);
    }
}
