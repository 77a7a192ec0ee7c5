package io.topline.alerts.evaluation;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.topline.alerts.alert.Alert;
import io.topline.alerts.alert.AlertRepository;
import io.topline.alerts.alert.AlertService;
import io.topline.alerts.alert.PendingConditionRepository;
import io.topline.alerts.batch.BatchReads;
import io.topline.alerts.catalog.Actual;
import io.topline.alerts.catalog.ActualRepository;
import io.topline.alerts.catalog.CatalogMeasure;
import io.topline.alerts.catalog.CatalogMeasureRepository;
import io.topline.alerts.catalog.TargetVersion;
import io.topline.alerts.period.Period;
import io.topline.chassis.calendar.FiscalCalendar;
import io.topline.chassis.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Evaluates a measure's periods against the target version in effect and hands every result to the alerts.
 *
 * <p>Each evaluation runs with the measure's row locked, so the consumers, the closing job and the settle check
 * never judge one measure at the same time.
 */
@ApplicationScoped
public class EvaluationService {

    private static final Logger LOG = Logger.getLogger(EvaluationService.class);

    private final CatalogMeasureRepository measures;
    private final ActualRepository actuals;
    private final EvaluationRepository evaluations;
    private final AlertService alerts;
    private final AlertRepository alertRows;
    private final PendingConditionRepository conditions;
    private final BatchReads reads;
    private final Outbox outbox;
    private final EvaluationConfig config;
    private final FiscalCalendar calendar;
    private final Clock clock;

    @SuppressWarnings("java:S107")
    public EvaluationService(CatalogMeasureRepository measures, ActualRepository actuals,
                             EvaluationRepository evaluations, AlertService alerts, AlertRepository alertRows,
                             PendingConditionRepository conditions, BatchReads reads, Outbox outbox,
                             EvaluationConfig config, FiscalCalendar calendar, Clock clock) {
        this.measures = measures;
        this.actuals = actuals;
        this.evaluations = evaluations;
        this.alerts = alerts;
        this.alertRows = alertRows;
        this.conditions = conditions;
        this.reads = reads;
        this.outbox = outbox;
        this.config = config;
        this.calendar = calendar;
        this.clock = clock;
    }

    /** Evaluates one period of a measure now. */
    @Transactional
    public void evaluate(String measureKey, String periodLabel) {
        measures.lock(measureKey).ifPresent(measure -> {
            if (Period.isValid(calendar, measure.cadence(), periodLabel)) {
                evaluateLocked(measure, Period.parse(calendar, measure.cadence(), periodLabel));
            }
        });
    }

    /**
     * Evaluates the period of an actual just applied to a locked measure, with both in hand: the consumer's path,
     * where taking the lock and reading the actual again were two of the round trips between an actual's arrival and
     * its alert.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void evaluateApplied(CatalogMeasure measure, Actual actual) {
        if (measure.archived() || !Period.isValid(calendar, measure.cadence(), actual.period())) {
            return;
        }
        Period period = Period.parse(calendar, measure.cadence(), actual.period());
        if (measure.targetFor(period).isPresent()) {
            evaluateLocked(measure, period, actual, evaluations.findFor(measure.key(), period.label()).orElse(null),
                    null, null, clock.instant());
        }
    }

    /** An actual just applied to its locked measure, for {@link #evaluateApplied(List)}. */
    public record AppliedActual(CatalogMeasure measure, Actual actual) {
    }

    /**
     * {@link #evaluateApplied(CatalogMeasure, Actual)} for a poll's actuals, at most one per measure-period, with the
     * periods' evaluations, alerts and the measures' waiting conditions read in one query each beforehand.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void evaluateApplied(List<AppliedActual> applied) {
        Map<AppliedActual, Period> due = new LinkedHashMap<>();
        for (AppliedActual one : applied) {
            CatalogMeasure measure = one.measure();
            if (!measure.archived() && Period.isValid(calendar, measure.cadence(), one.actual().period())) {
                Period period = Period.parse(calendar, measure.cadence(), one.actual().period());
                if (measure.targetFor(period).isPresent()) {
                    due.put(one, period);
                }
            }
        }
        if (due.isEmpty()) {
            return;
        }
        // one instant for the poll, and with it the silences in force (BatchReads), as the closing job's batch has
        Instant now = clock.instant();
        reads.share();
        List<String> keys = due.keySet().stream().map(one -> one.measure().key()).distinct().toList();
        Set<String> labels = new HashSet<>();
        due.values().forEach(period -> labels.add(period.label()));
        KnownPeriods known = new KnownPeriods(keys, labels);
        due.forEach((one, period) -> known.judge(one.measure(), period, one.actual(), now));
        known.write();
    }

    /**
     * Re-evaluates every period of a locked measure that has an actual (its definition changed). NO_DATA is left to
     * the closing job: while the topics replay, definitions may run ahead of actuals, and a silence that is only
     * replay lag must not page anybody.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reevaluateAll(CatalogMeasure measure) {
        if (measure.archived()) {
            alerts.measureArchived(measure);
            return;
        }
        for (Actual actual : actuals.ofMeasure(measure.key())) {
            if (Period.isValid(calendar, measure.cadence(), actual.period())) {
                evaluateLocked(measure, Period.parse(calendar, measure.cadence(), actual.period()));
            }
        }
    }

    /**
     * Closes, for every active measure with a target, the periods whose grace time has passed (FINAL or NO_DATA),
     * and re-judges open periods whose pace may have changed with time. Returns how many measures it looked at.
     */
    public int closePeriods() {
        return closePeriods(() -> true);
    }

    /**
     * The closing job, a batch of measures per transaction, stopping between two batches once {@code keepGoing} no
     * longer holds (the service stops).
     */
    // One transaction and one read per table for a batch instead of a handful of each per measure: at 10,000 measures
    // the round (every minute, open periods included) took minutes one measure at a time, longer than its interval.
    public int closePeriods(BooleanSupplier keepGoing) {
        List<String> keys = QuarkusTransaction.requiringNew().call(measures::activeKeysWithTargets);
        int size = Math.max(1, config.closeBatchSize());
        int count = 0;
        for (int from = 0; from < keys.size() && keepGoing.getAsBoolean(); from += size) {
            List<String> batch = keys.subList(from, Math.min(keys.size(), from + size));
            closeBatch(batch, keepGoing);
            count += batch.size();
        }
        return count;
    }

    /** The closing job for one measure, in its own transaction. */
    public void closePeriods(String measureKey) {
        try {
            QuarkusTransaction.requiringNew().run(() -> closeLocked(measures.lockAll(List.of(measureKey))));
        } catch (RuntimeException e) {
            // one measure's failure must not stop the others from closing
            LOG.errorf(e, "Could not close the periods of measure %s", measureKey);
        }
    }

    private void closeBatch(List<String> keys, BooleanSupplier keepGoing) {
        if (keys.size() == 1) {
            closePeriods(keys.get(0));
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> closeLocked(measures.lockAll(keys)));
        } catch (RuntimeException e) {
            // the batch rolled back as a whole: each measure again on its own, so that only the failing one is left
            LOG.warnf("Closing a batch of %d measures failed (%s); closing them one at a time", keys.size(), e);
            for (String key : keys) {
                if (!keepGoing.getAsBoolean()) {
                    return;
                }
                closePeriods(key);
            }
        }
    }

    /** Judges the due periods of locked measures, with what they need read beforehand in one query per table. */
    private void closeLocked(List<CatalogMeasure> locked) {
        // one instant for the batch: its firings share it, and with it the silences in force (BatchReads)
        Instant now = clock.instant();
        reads.share();
        List<String> keys = locked.stream().map(CatalogMeasure::key).toList();
        Map<String, Set<String>> closed = evaluations.closedPeriodsOf(keys);
        Map<CatalogMeasure, List<Period>> due = new LinkedHashMap<>();
        Set<String> labels = new HashSet<>();
        for (CatalogMeasure measure : locked) {
            List<Period> periods = duePeriods(measure, closed.getOrDefault(measure.key(), Set.of()), now);
            if (!periods.isEmpty()) {
                due.put(measure, periods);
                periods.forEach(period -> labels.add(period.label()));
            }
        }
        if (due.isEmpty()) {
            return;
        }
        PeriodRows<Actual> actualOf = new PeriodRows<>(actuals.ofPeriods(
                due.keySet().stream().map(CatalogMeasure::key).toList(), labels), Actual::measureKey, Actual::period);
        dropOpenWithoutActual(due, actualOf, now);
        if (due.isEmpty()) {
            return;
        }
        Set<String> dueLabels = new HashSet<>();
        due.values().forEach(periods -> periods.forEach(period -> dueLabels.add(period.label())));
        List<String> dueKeys = due.keySet().stream().map(CatalogMeasure::key).toList();
        KnownPeriods known = new KnownPeriods(dueKeys, dueLabels);
        // the batch's alert events in one statement at its end, so that its rows go to the database in JDBC batches
        outbox.batched(() -> {
            due.forEach((measure, periods) -> {
                for (Period period : periods) {
                    known.judge(measure, period, actualOf.one(measure.key(), period.label()), now);
                }
            });
            known.write();
        });
    }

    /**
     * Leaves out of {@code due} the open periods without an actual, and the measures left with none: such a period has
     * nothing to judge (silence counts only once it closed), most measures of a round are such, and leaving them out
     * spares their evaluation, alert and condition reads.
     */
    private void dropOpenWithoutActual(Map<CatalogMeasure, List<Period>> due, PeriodRows<Actual> actualOf,
                                       Instant now) {
        due.forEach((measure, periods) -> periods.removeIf(period -> now.isBefore(period.end().plus(config.graceTime()))
                && actualOf.one(measure.key(), period.label()) == null));
        due.values().removeIf(List::isEmpty);
    }

    /**
     * What judging many periods at once reads beforehand, one query each: the periods' evaluations and alerts, and
     * the measures' waiting conditions; a period whose alerts do not move then costs no query. The evaluations are
     * read detached, and the ones new or changed by judging go to the database in one statement ({@link #write}).
     */
    private final class KnownPeriods {

        private final PeriodRows<Evaluation> evaluationOf;
        private final PeriodRows<Alert> alertsOf;
        private final Set<String> pending;
        private final List<Evaluation> judged = new ArrayList<>();

        KnownPeriods(List<String> keys, Set<String> labels) {
            evaluationOf = new PeriodRows<>(evaluations.ofPeriodsToWrite(keys, labels), Evaluation::measureKey,
                    Evaluation::period);
            alertsOf = new PeriodRows<>(alertRows.ofPeriods(keys, labels), Alert::measureKey, Alert::period);
            pending = conditions.dedupKeysOf(keys);
        }

        /** Judges one period of a locked measure, one of those read for, with {@code actual} (null: none). */
        void judge(CatalogMeasure measure, Period period, Actual actual, Instant now) {
            String key = measure.key();
            evaluateLocked(measure, period, actual, evaluationOf.one(key, period.label()),
                    new AlertService.KnownAlerts(alertsOf.all(key, period.label()), pending), judged, now);
        }

        /** Writes the evaluations judged so far. */
        void write() {
            evaluations.write(judged);
            judged.clear();
        }
    }

    /** The periods the closing job judges: closed ones not judged final yet (within the lookback), and open ones. */
    private List<Period> duePeriods(CatalogMeasure measure, Set<String> closed, Instant now) {
        Optional<Period> first = measure.firstTargetedPeriod(calendar);
        if (measure.archived() || first.isEmpty()) {
            return List.of();
        }
        Period lastClosed = Period.containing(calendar, measure.cadence(), now.minus(config.graceTime())).previous();
        Period from = first.get();
        Period earliest = lastClosed;
        for (int i = 1; i < config.closeLookback(); i++) {
            earliest = earliest.previous();
        }
        if (from.compareTo(earliest) < 0) {
            from = earliest;
        }
        List<Period> due = new ArrayList<>();
        for (Period period = from; period.compareTo(lastClosed) <= 0; period = period.next()) {
            if (!closed.contains(period.label())) {
                due.add(period);
            }
        }
        Period current = Period.containing(calendar, measure.cadence(), now);
        for (Period period = lastClosed.next(); period.compareTo(current) <= 0; period = period.next()) {
            if (period.compareTo(first.get()) >= 0) {
                due.add(period);
            }
        }
        return due;
    }

    /** Rows of several measures' periods, read in one query, by measure and period label. */
    private static final class PeriodRows<T> {

        private final Map<String, Map<String, List<T>>> rows = new HashMap<>();

        PeriodRows(List<T> read, Function<T, String> measureKey, Function<T, String> period) {
            for (T row : read) {
                rows.computeIfAbsent(measureKey.apply(row), k -> new HashMap<>())
                        .computeIfAbsent(period.apply(row), k -> new ArrayList<>(1)).add(row);
            }
        }

        List<T> all(String measureKey, String period) {
            return rows.getOrDefault(measureKey, Map.of()).getOrDefault(period, List.of());
        }

        T one(String measureKey, String period) {
            List<T> found = all(measureKey, period);
            return found.isEmpty() ? null : found.get(0);
        }
    }

    private void evaluateLocked(CatalogMeasure measure, Period period) {
        if (measure.archived() || measure.targetFor(period).isEmpty()) {
            return;
        }
        evaluateLocked(measure, period, actuals.findFor(measure.key(), period.label()).orElse(null),
                evaluations.findFor(measure.key(), period.label()).orElse(null), null, null, clock.instant());
    }

    /**
     * Judges one period of a locked measure at {@code now}; {@code known} is what a batch read of its alerts, and
     * {@code judged} (null: the evaluation is a managed entity, a new one persisted) collects the evaluation, when
     * it is new or changed, for the batch's one statement.
     */
    @SuppressWarnings("java:S107")
    private void evaluateLocked(CatalogMeasure measure, Period period, Actual actual, Evaluation evaluation,
                                AlertService.KnownAlerts known, List<Evaluation> judged, Instant now) {
        if (measure.archived()) {
            return;
        }
        TargetVersion target = measure.targetFor(period).orElse(null);
        if (target == null) {
            return;
        }
        Instant start = period.start();
        Instant end = period.end();
        Instant closesAt = end.plus(config.graceTime());
        boolean closed = !now.isBefore(closesAt);

        Judgement judgement = actual == null
                ? silence(measure, period, evaluation, closed, closesAt, now)
                : judge(measure, target, actual, closed, start, end, now);
        if (judgement == null) {
            return;
        }
        boolean rebuilding = rebuilding(closesAt, actual, now);
        if (evaluation == null) {
            evaluation = new Evaluation(measure.key(), period.label(), measure.cadence(), start, end);
            evaluation.markRebuilt(rebuilding);
            record(evaluation, target, actual, judgement, closed, now);
            if (judged == null) {
                evaluations.persist(evaluation);
            } else {
                judged.add(evaluation);
            }
        } else if (recordAgain(evaluation, target, actual, judgement, closed, rebuilding, now) && judged != null) {
            // as Hibernate's dirty check would: the closing job judges every open period each round, mostly alike
            judged.add(evaluation);
        }
        if (!evaluation.rebuilt()) {
            if (known == null) {
                alerts.apply(measure, evaluation, now);
            } else {
                alerts.apply(measure, evaluation, known, now);
            }
        }
    }

    /**
     * Whether a period judged for the first time is being rebuilt from the topics rather than seen live: it closed
     * longer than the rebuild horizon ago and its actual, if any, is as old. Live, the closing job or the actual's
     * arrival judges a period within minutes of its close; replaying into an empty database judges it much later, and
     * its alerts (fired, or not, back then) are already on topline.alerts.
     */
    private boolean rebuilding(Instant closesAt, Actual actual, Instant now) {
        Instant horizon = now.minus(config.rebuildHorizon());
        return closesAt.isBefore(horizon) && (actual == null || actual.updatedAt().isBefore(horizon));
    }

    /** A period without an actual is NO_DATA once it has closed; null while there is nothing to judge. */
    private static Judgement silence(CatalogMeasure measure, Period period, Evaluation evaluation, boolean closed,
                                     Instant closesAt, Instant now) {
        if (!closed) {
            return null;
        }
        Instant targetedAt = measure.firstTargetedAt(period).orElse(now);
        if (evaluation == null && !targetedAt.isBefore(closesAt)) {
            // the period had closed before anybody set its target: silence then was nobody's concern
            return null;
        }
        return new Judgement(EvaluationStatus.NO_DATA, null);
    }

    /** The actual against the target: final once the period has closed, a provisional pace judgement before. */
    private Judgement judge(CatalogMeasure measure, TargetVersion target, Actual actual, boolean closed,
                            Instant start, Instant end, Instant now) {
        if (closed) {
            return new Judgement(Evaluator.judge(actual.value(), measure.higherIsBetter(), target.successLevel(),
                    target.failureLevel()), null);
        }
        return Evaluator.provisional(actual.value(), measure.accumulates(), measure.higherIsBetter(),
                target.successLevel(), target.failureLevel(), start, end, now, config.minimumElapsedShare());
    }

    /** Records a judgement in an existing evaluation; returns whether any of its columns changed. */
    private static boolean recordAgain(Evaluation evaluation, TargetVersion target, Actual actual, Judgement judgement,
                                       boolean closed, boolean rebuilding, Instant now) {
        Long revisionBefore = evaluation.actualRevision();
        boolean rebuiltBefore = evaluation.rebuilt();
        if (evaluation.rebuilt() && !rebuilding) {
            // new data for a period known only from the replay: from now on it is news again
            evaluation.markRebuilt(false);
        }
        boolean changed = record(evaluation, target, actual, judgement, closed, now);
        return changed || rebuiltBefore != evaluation.rebuilt()
                || !Objects.equals(revisionBefore, evaluation.actualRevision());
    }

    private static boolean record(Evaluation evaluation, TargetVersion target, Actual actual, Judgement judgement,
                                  boolean closed, Instant now) {
        return evaluation.record(target, actual == null ? null : actual.value(),
                actual == null ? null : actual.revision(), judgement, closed, now);
    }
}
