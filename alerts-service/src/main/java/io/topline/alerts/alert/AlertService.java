package io.topline.alerts.alert;

import io.topline.alerts.catalog.CatalogDriver;
import io.topline.alerts.catalog.CatalogDriverRepository;
import io.topline.alerts.catalog.CatalogMeasure;
import io.topline.alerts.catalog.CatalogMeasureRepository;
import io.topline.alerts.catalog.TargetVersion;
import io.topline.alerts.delivery.DeliveryService;
import io.topline.alerts.evaluation.Evaluation;
import io.topline.alerts.evaluation.EvaluationState;
import io.topline.alerts.evaluation.EvaluationStatus;
import io.topline.alerts.cause.DownstreamHold;
import io.topline.alerts.cause.LikelyCauses;
import io.topline.alerts.silence.Silencer;
import io.topline.chassis.outbox.Outbox;
import io.topline.chassis.outbox.OutboxEvent;
import io.topline.chassis.problem.ProblemException;
import io.topline.chassis.time.BoundedDurations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Turns evaluations into alerts and moves alerts through their states.
 *
 * <p>Every transition is recorded, appended to the outbox and turned into pending webhook deliveries in the
 * caller's transaction, so that the alert, its event and its deliveries commit together or not at all. A transition
 * that a silence mutes is recorded and published like any other, with the silences in {@code silencedBy}, but not
 * delivered; a muted firing is delivered once no silence mutes it ({@link #applySilences}).
 */
@ApplicationScoped
public class AlertService {

    private final AlertRepository alerts;
    private final PendingConditionRepository conditions;
    private final CatalogDriverRepository drivers;
    private final CatalogMeasureRepository measures;
    private final SettleTimes settleTimes;
    private final Outbox outbox;
    private final DeliveryService deliveries;
    private final NotifiedSubscriptions notified;
    private final Silencer silencer;
    private final LikelyCauses causes;
    private final DownstreamHold holds;
    private final Clock clock;

    @SuppressWarnings("java:S107")
    public AlertService(AlertRepository alerts, PendingConditionRepository conditions, CatalogDriverRepository drivers,
                        CatalogMeasureRepository measures, SettleTimes settleTimes, Outbox outbox,
                        DeliveryService deliveries, NotifiedSubscriptions notified, Silencer silencer,
                        LikelyCauses causes, DownstreamHold holds, Clock clock) {
        this.alerts = alerts;
        this.conditions = conditions;
        this.drivers = drivers;
        this.measures = measures;
        this.settleTimes = settleTimes;
        this.outbox = outbox;
        this.deliveries = deliveries;
        this.notified = notified;
        this.silencer = silencer;
        this.causes = causes;
        this.holds = holds;
        this.clock = clock;
    }

    /**
     * Applies the latest evaluation of a period to its three possible alerts. The caller holds the measure's lock.
     * A condition fires once it has held for the settle time, an open alert follows the evaluation silently, and an
     * open alert whose condition no longer holds resolves by itself.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(CatalogMeasure measure, Evaluation evaluation, Instant now) {
        // the measure's waiting conditions in one read: else each of the three kinds looks its own up, a miss's
        // path then paying three round trips for conditions that mostly do not exist
        apply(measure, evaluation, new KnownAlerts(alerts.ofPeriod(measure.key(), evaluation.period()),
                conditions.dedupKeysOf(List.of(measure.key()))), now);
    }

    /**
     * What a caller judging many periods at once has read for them beforehand, so that a period whose alerts do not
     * move costs no query: the period's alerts, and the dedup keys of the measures' waiting conditions ({@code null}
     * when not read: then each is looked up).
     */
    public record KnownAlerts(List<Alert> alerts, Set<String> pendingConditions) {
    }

    /** {@link #apply(CatalogMeasure, Evaluation, Instant)} with the period's alerts and conditions read already. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(CatalogMeasure measure, Evaluation evaluation, KnownAlerts known, Instant now) {
        Map<AlertKind, Alert> existing = new EnumMap<>(AlertKind.class);
        for (Alert alert : known.alerts()) {
            existing.put(alert.kind(), alert);
        }
        for (AlertKind kind : AlertKind.EVALUATED) {
            Alert alert = existing.get(kind);
            String dedupKey = Alert.dedupKey(measure.key(), evaluation.period(), kind);
            if (holds(kind, evaluation)) {
                applyHolding(kind, alert, dedupKey, measure, evaluation, known.pendingConditions(), now);
            } else {
                applyCleared(kind, alert, dedupKey, measure, evaluation, known.pendingConditions(), now);
            }
        }
    }

    /** The condition holds: an open alert follows it; else the alert fires, or fires again if it may, once settled. */
    private void applyHolding(AlertKind kind, Alert alert, String dedupKey, CatalogMeasure measure,
                              Evaluation evaluation, Set<String> pending, Instant now) {
        AlertSnapshot snapshot = snapshot(kind, measure, evaluation);
        if (alert != null && alert.state().open()) {
            alert.refresh(snapshot, now);
            forgetCondition(dedupKey, pending);
            return;
        }
        if (alert != null && !alert.mayRefire()) {
            return;
        }
        if (!settled(measure, evaluation.period(), kind, dedupKey, pending, now)) {
            return;
        }
        if (alert == null) {
            Alert fired = Alert.fire(measure.key(), evaluation.period(), kind, snapshot, now);
            alerts.persist(fired);
            publish(fired, fired.transitions().get(0));
        } else {
            publish(alert, alert.refire(snapshot, now));
        }
    }

    /** The condition no longer holds: it stops settling, and an open alert records the recovery and resolves itself. */
    private void applyCleared(AlertKind kind, Alert alert, String dedupKey, CatalogMeasure measure,
                              Evaluation evaluation, Set<String> pending, Instant now) {
        forgetCondition(dedupKey, pending);
        if (alert != null && alert.state().open()) {
            alert.refresh(recoveredSnapshot(alert, measure, evaluation), now);
            publish(alert, alert.resolve(null, reasonCleared(kind, evaluation), now));
        }
    }

    /** The alert's own measure and driver details, with the evaluation that cleared it and a summary saying so. */
    private static AlertSnapshot recoveredSnapshot(Alert alert, CatalogMeasure measure, Evaluation evaluation) {
        String summary = AlertSummaries.recovered(alert.summary(), evaluation, measure);
        return new AlertSnapshot(alert.severity(), alert.measureName(), alert.unit(), alert.currency(),
                alert.direction(), alert.cadence(), alert.driverKey(), alert.driverName(), alert.driverFunction(),
                evaluation.actual(), evaluation.projection(), evaluation.targetVersion(), evaluation.successLevel(),
                evaluation.failureLevel(), evaluation.status().name(), evaluation.state().name(),
                evaluation.evaluatedAt(), summary);
    }

    /**
     * Fires the STALE alert of {@code period}: the measure's source has been silent past its heartbeat.
     * {@code evaluation} is the period's so far, or null. Nothing
     * happens while a STALE alert of the measure is open, or when a person resolved this period's. The caller holds
     * the measure's lock; returns whether it fired.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean stale(CatalogMeasure measure, String period, TargetVersion target, Evaluation evaluation,
                         Instant now) {
        if (!alerts.openOfMeasure(measure.key(), AlertKind.STALE).isEmpty()) {
            return false;
        }
        Alert alert = alerts.find("dedupKey", Alert.dedupKey(measure.key(), period, AlertKind.STALE)).firstResult();
        if (alert != null && !alert.mayRefire()) {
            return false;
        }
        AlertSnapshot snapshot = staleSnapshot(measure, period, target, evaluation,
                AlertSummaries.stale(measure, period, now), now);
        if (alert == null) {
            Alert fired = Alert.fire(measure.key(), period, AlertKind.STALE, snapshot, now);
            alerts.persist(fired);
            publish(fired, fired.transitions().get(0));
        } else {
            publish(alert, alert.refire(snapshot, now));
        }
        return true;
    }

    /** A measurement arrived (its actual updated at {@code at}): the measure's open STALE alerts resolve. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void heard(CatalogMeasure measure, Instant at) {
        for (Alert alert : alerts.openOfMeasure(measure.key(), AlertKind.STALE)) {
            resolveHeard(alert, at);
        }
    }

    private void resolveHeard(Alert alert, Instant at) {
        Instant now = clock.instant();
        String reason = "a measurement arrived (" + at.truncatedTo(ChronoUnit.SECONDS) + ")";
        alert.summarise("Resolved (" + reason + "): " + alert.summary(), now);
        publish(alert, alert.resolve(null, reason, now));
    }

    /** {@link #heard(CatalogMeasure, Instant)} for several measures: their open STALE alerts read in one query. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void heard(Map<CatalogMeasure, Instant> heard) {
        if (heard.isEmpty()) {
            return;
        }
        Map<String, CatalogMeasure> byKey = new HashMap<>();
        heard.keySet().forEach(measure -> byKey.put(measure.key(), measure));
        for (Alert alert : alerts.openOfMeasures(byKey.keySet(), AlertKind.STALE)) {
            resolveHeard(alert, heard.get(byKey.get(alert.measureKey())));
        }
    }

    /** What a STALE alert shows: the period's evaluation so far, or the target in effect with nothing measured. */
    private AlertSnapshot staleSnapshot(CatalogMeasure measure, String period, TargetVersion target,
                                        Evaluation evaluation, String summary, Instant now) {
        CatalogDriver driver = drivers.findById(measure.driverKey());
        String driverName = driver != null ? driver.name() : measure.driverKey();
        String function = driver != null ? driver.function() : "OTHER";
        if (evaluation != null) {
            return new AlertSnapshot(evaluation.severity(), measure.name(), measure.unit(), measure.currency(),
                    measure.direction(), measure.cadence().name(), measure.driverKey(), driverName, function,
                    evaluation.actual(), evaluation.projection(), evaluation.targetVersion(),
                    evaluation.successLevel(), evaluation.failureLevel(), evaluation.status().name(),
                    evaluation.state().name(), evaluation.evaluatedAt(), summary);
        }
        return new AlertSnapshot(target.severity(), measure.name(), measure.unit(), measure.currency(),
                measure.direction(), measure.cadence().name(), measure.driverKey(), driverName, function, null, null,
                target.version(), target.successLevel(), target.failureLevel(), EvaluationStatus.NO_DATA.name(),
                EvaluationState.PROVISIONAL.name(), now, summary);
    }

    /** Resolves the open alerts of an archived measure: nobody is asked to act on a measure that is gone. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void measureArchived(CatalogMeasure measure) {
        Instant now = clock.instant();
        conditions.delete("measureKey", measure.key());
        for (Alert alert : alerts.openOfMeasure(measure.key())) {
            publish(alert, alert.resolve(null, "measure archived", now));
        }
    }

    /** Conditions whose settle time has passed, as (measure, period) pairs to evaluate again. */
    @Transactional
    public List<PendingCondition> settledConditions() {
        Instant now = clock.instant();
        return conditions.listAll().stream()
                .filter(c -> c.settled(settleTimes.forMeasure(c.measureKey()), now))
                .toList();
    }

    /** A person from the on-call rota takes the alert on. */
    @Transactional
    public Alert acknowledge(UUID id, String person, String comment) {
        Alert alert = lockAlert(id);
        try {
            publish(alert, alert.acknowledge(person, comment, clock.instant()));
        } catch (AlertStateException e) {
            throw ProblemException.conflict("alert-state", e.getMessage());
        }
        return alert;
    }

    /** A person resolves the alert; it stays resolved even if its condition still holds. */
    @Transactional
    public Alert resolve(UUID id, String person, String comment) {
        Alert alert = lockAlert(id);
        try {
            publish(alert, alert.resolve(person, comment, clock.instant()));
        } catch (AlertStateException e) {
            throw ProblemException.conflict("alert-state", e.getMessage());
        }
        return alert;
    }

    @Transactional
    public Alert get(UUID id) {
        Alert alert = alerts.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Alert", id.toString()));
        alert.transitions().size();
        return alert;
    }

    /** The alert, locked as every change to it is (its measure first), for a change made outside this service. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Alert locked(UUID id) {
        return lockAlert(id);
    }

    private Alert lockAlert(UUID id) {
        Alert alert = alerts.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Alert", id.toString()));
        // measure first, then alert: the same order as evaluations, so the two never deadlock
        measures.lock(alert.measureKey());
        alerts.getEntityManager().refresh(alert, LockModeType.PESSIMISTIC_WRITE);
        return alert;
    }

    private boolean settled(CatalogMeasure measure, String period, AlertKind kind, String dedupKey,
                            Set<String> known, Instant now) {
        Duration settleTime = settleTimes.forMeasure(measure.key());
        if (settleTime.isZero() || settleTime.isNegative()) {
            forgetCondition(dedupKey, known);
            return true;
        }
        PendingCondition pending = known == null || known.contains(dedupKey) ? conditions.findById(dedupKey) : null;
        if (pending == null) {
            conditions.persist(new PendingCondition(measure.key(), period, kind, now));
            return false;
        }
        if (!pending.settled(settleTime, now)) {
            return false;
        }
        conditions.delete(pending);
        return true;
    }

    /** Drops the condition waiting under {@code dedupKey}, if any; no query when the caller knows there is none. */
    private void forgetCondition(String dedupKey, Set<String> known) {
        if (known == null || known.contains(dedupKey)) {
            conditions.deleteById(dedupKey);
        }
    }

    private void publish(Alert alert, AlertTransition transition) {
        alert.silencedBy(silencer.mute(alert, transition.at()));
        if (alert.state().open()) {
            // a resolve keeps the causes its firing named
            alert.likelyCauses(causes.of(alert));
        }
        AlertEventData data = AlertEventData.of(alert, transition);
        String type = AlertEventData.typeOf(alert.state());
        OutboxEvent event = outbox.append(type, alert.measureKey(), alert.dedupKey(), data, transition.at());
        notify(alert, event.eventId().toString(), type, transition.at(), data);
        if (alert.state() == AlertState.RESOLVED) {
            silencer.resolved(alert, transition.at());
            holds.forget(alert.id());
        }
    }

    /**
     * Schedules the webhook deliveries of a transition. A firing goes to the interested subscribers and is remembered
     * as told, or waits while muted; an acknowledgement goes to them and to everyone else told of the firing (an
     * escalation step's receivers) if the firing was told and nothing mutes it now;
     * a resolve goes to every subscriber told of the firing (and, unmuted, to the interested), and to nobody if the
     * firing was never told.
     */
    private void notify(Alert alert, String messageId, String type, Instant at, AlertEventData data) {
        boolean muted = !alert.silencedBy().isEmpty();
        switch (alert.state()) {
            case FIRING -> {
                if (alert.transitions().size() > 1) {
                    // a firing again: who was told of the last one is told anew (a new alert has nobody to forget)
                    notified.clear(alert.id());
                }
                if (muted) {
                    alert.awaitNotification(messageId);
                } else {
                    alert.notified();
                    sendFiring(alert, messageId, type, at, data);
                }
            }
            case ACKNOWLEDGED -> {
                if (!muted && !alert.notificationPending()) {
                    // the interested, and whoever an escalation step told (a route-only receiver wants nothing)
                    Set<UUID> recipients = new LinkedHashSet<>(deliveries.interested(data));
                    recipients.addAll(notified.of(alert.id()));
                    recipients.removeAll(holds.heldFor(alert.id()));
                    deliveries.scheduleTo(messageId, type, at, data, recipients);
                }
            }
            case RESOLVED -> {
                if (!alert.notificationPending()) {
                    Set<UUID> recipients = new LinkedHashSet<>(notified.of(alert.id()));
                    if (!muted) {
                        recipients.addAll(deliveries.interested(data));
                    }
                    // a receiver that held the firing never heard of it: no resolve of it either
                    recipients.removeAll(holds.heldFor(alert.id()));
                    deliveries.scheduleTo(messageId, type, at, data, recipients);
                }
                alert.notified();
            }
        }
    }

    /**
     * Sends a firing to the interested receivers, but to those holding downstream firings only when none of its
     * likely causes they were told of still fires (the others' copies wait in {@link DownstreamHold}).
     */
    private void sendFiring(Alert alert, String messageId, String type, Instant at, AlertEventData data) {
        List<UUID> now = holds.sendNow(alert, messageId, deliveries.interested(data), at,
                (cause, subscription) -> notified.of(cause).contains(subscription));
        deliveries.scheduleTo(messageId, type, at, data, now);
        notified.add(alert.id(), now);
    }

    /**
     * Sends the firings held for receivers behind a cause that no longer fires, if the alert still fires; returns how
     * many. Under the alert's lock, so a resolve cannot slip between the check and the sending.
     */
    @Transactional
    public int releaseHeld(UUID id) {
        Alert alert = lockAlert(id);
        if (alert.state() != AlertState.FIRING || !alert.silencedBy().isEmpty()) {
            // acknowledged or muted: the rows wait (a resolve forgets them, an unmuted firing is sent then)
            return 0;
        }
        List<DownstreamHold.Held> held = holds.release(id);
        if (held.isEmpty()) {
            return 0;
        }
        AlertEventData data = AlertEventData.of(alert, alert.lastFiring());
        for (DownstreamHold.Held one : held) {
            deliveries.scheduleTo(one.messageId(), AlertEventData.typeOf(AlertState.FIRING), alert.lastFiring().at(),
                    data, List.of(one.subscriptionId()));
        }
        notified.add(alert.id(), held.stream().map(DownstreamHold.Held::subscriptionId).toList());
        return held.size();
    }

    /**
     * Applies the silences in force now to an open alert: records which mute it and, once none does, delivers the
     * firing they muted (once: the alert no longer waits afterwards). The caller's transaction, so that a silence's
     * end and the deliveries it releases commit together.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applySilences(UUID id) {
        Alert alert = lockAlert(id);
        if (!alert.state().open()) {
            return;
        }
        Instant now = clock.instant();
        alert.silencedBy(silencer.mute(alert, now));
        if (alert.silencedBy().isEmpty() && alert.state() == AlertState.FIRING && alert.notificationPending()) {
            AlertTransition firing = alert.lastFiring();
            AlertEventData data = AlertEventData.of(alert, firing);
            String type = AlertEventData.typeOf(AlertState.FIRING);
            sendFiring(alert, alert.pendingMessageId(), type, firing.at(), data);
            alert.notified();
        }
    }

    /**
     * Fires an acknowledged alert again once its acknowledgement is older than {@code timeout} and nobody resolved
     * it; returns whether it did. Re-checked under the alert's lock, so that replicas sweeping at once fire it once.
     */
    @Transactional
    public boolean reopenIfTimedOut(UUID id, Duration timeout) {
        Alert alert = lockAlert(id);
        Instant now = clock.instant();
        AlertTransition acknowledgement = alert.transitions().get(alert.transitions().size() - 1);
        if (alert.state() != AlertState.ACKNOWLEDGED || acknowledgement.at().plus(timeout).isAfter(now)) {
            return false;
        }
        publish(alert, alert.reopen("acknowledgement by " + acknowledgement.by() + " timed out after "
                + BoundedDurations.iso(timeout) + " without a resolve", now));
        return true;
    }

    /** The acknowledged alerts whose acknowledgement is older than {@code timeout}, to reopen one by one. */
    @Transactional
    public List<UUID> acknowledgementsOlderThan(Duration timeout) {
        return alerts.acknowledgedUntil(clock.instant().minus(timeout));
    }

    /**
     * Tells one subscription again of a firing nobody acknowledged: the alert's current state under a message id of
     * its own (the receiver sees a new webhook-id for the same dedup key), in the caller's transaction with the note
     * that it was told.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void renotify(NotifiedSubscriptions.Due due) {
        Alert alert = lockAlert(due.alertId());
        if (alert.state() != AlertState.FIRING || !alert.silencedBy().isEmpty()) {
            return;
        }
        AlertEventData data = AlertEventData.of(alert, alert.lastFiring());
        // the firing's sequence keeps ids unique across firings: a repeat of an earlier one may still be pending
        String messageId = alert.id() + "-repeat-" + alert.lastFiring().sequence() + "-" + (due.repeats() + 1);
        deliveries.scheduleTo(messageId, AlertEventData.typeOf(AlertState.FIRING), clock.instant(), data,
                List.of(due.subscriptionId()));
        notified.repeated(due);
    }

    /**
     * Sends an open alert again to an Alertmanager told of it, so that it stays active there: its firing under a
     * message id of its own, in the caller's transaction with the note that it was told.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void resendToAlertmanager(NotifiedSubscriptions.Due due) {
        Alert alert = lockAlert(due.alertId());
        if (!alert.state().open()) {
            return;
        }
        AlertEventData data = AlertEventData.of(alert, alert.lastFiring());
        String messageId = alert.id() + "-resend-" + alert.lastFiring().sequence() + "-" + (due.repeats() + 1);
        deliveries.scheduleTo(messageId, AlertEventData.typeOf(AlertState.FIRING), clock.instant(), data,
                List.of(due.subscriptionId()));
        notified.repeated(due);
    }

    private static boolean holds(AlertKind kind, Evaluation evaluation) {
        return switch (kind) {
            case MISSED -> evaluation.state().closed() && evaluation.status() == EvaluationStatus.MISSED;
            case PROJECTED_MISS -> evaluation.state() == EvaluationState.PROVISIONAL
                    && evaluation.status() == EvaluationStatus.MISSED;
            case NO_DATA -> evaluation.status() == EvaluationStatus.NO_DATA;
            case STALE -> false; // follows the measurements' arrival, not an evaluation (stale, heard)
        };
    }

    private static String reasonCleared(AlertKind kind, Evaluation evaluation) {
        if (kind == AlertKind.PROJECTED_MISS && evaluation.state().closed()) {
            return "period closed; the final evaluation is " + evaluation.status();
        }
        return "evaluation left red: now " + evaluation.status() + " (" + evaluation.state() + ")";
    }

    private AlertSnapshot snapshot(AlertKind kind, CatalogMeasure measure, Evaluation evaluation) {
        CatalogDriver driver = drivers.findById(measure.driverKey());
        String driverName = driver != null ? driver.name() : measure.driverKey();
        String function = driver != null ? driver.function() : "OTHER";
        return new AlertSnapshot(evaluation.severity(), measure.name(), measure.unit(), measure.currency(),
                measure.direction(), measure.cadence().name(), measure.driverKey(), driverName, function,
                evaluation.actual(), evaluation.projection(), evaluation.targetVersion(), evaluation.successLevel(),
                evaluation.failureLevel(), evaluation.status().name(), evaluation.state().name(),
                evaluation.evaluatedAt(), AlertSummaries.firing(kind, measure, evaluation));
    }
}
