package io.topline.alerts.alert;

import jakarta.persistence.CascadeType;
import io.topline.alerts.catalog.StringListConverter;
import io.topline.alerts.cause.LikelyCause;
import io.topline.alerts.cause.LikelyCausesColumn;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The one alert for a measure, period and kind (its dedup key), with its state machine and recorded transitions.
 *
 * <p>FIRING → ACKNOWLEDGED → RESOLVED, or FIRING → RESOLVED. An alert that resolved by itself fires again if its
 * condition returns; one a person resolved stays resolved for that period, so that a decision is not overruled.
 */
@Entity
@Table(name = "alert")
public class Alert {

    @Id
    private UUID id;
    @Column(name = "dedup_key")
    private String dedupKey;
    @Enumerated(EnumType.STRING)
    private AlertKind kind;
    @Enumerated(EnumType.STRING)
    private AlertState state;
    private String severity;
    @Column(name = "measure_key")
    private String measureKey;
    @Column(name = "measure_name")
    private String measureName;
    private String unit;
    private String currency;
    private String direction;
    private String cadence;
    @Column(name = "driver_key")
    private String driverKey;
    @Column(name = "driver_name")
    private String driverName;
    @Column(name = "driver_function")
    private String driverFunction;
    private String period;
    private BigDecimal actual;
    private BigDecimal projection;
    @Column(name = "target_version")
    private int targetVersion;
    @Column(name = "success_level")
    private BigDecimal successLevel;
    @Column(name = "failure_level")
    private BigDecimal failureLevel;
    @Column(name = "evaluation_status")
    private String evaluationStatus;
    @Column(name = "evaluation_state")
    private String evaluationState;
    @Column(name = "evaluated_at")
    private Instant evaluatedAt;
    private String summary;
    private int sequence;
    @Column(name = "resolved_manually")
    private boolean resolvedManually;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    // the silences muting the alert as of its latest transition or silence change (SilenceSweep keeps it current)
    @Convert(converter = StringListConverter.class)
    @Column(name = "silenced_by")
    private List<String> silencedBy = List.of();
    // its firing was muted and no subscriber has been told of it yet
    @Column(name = "notification_pending")
    private boolean notificationPending;
    // the webhook-id (outbox event id) of the muted firing, sent when the silence ends
    @Column(name = "pending_message_id")
    private String pendingMessageId;
    // the open red alerts upstream in the revenue flow as of its latest transition (LikelyCauses), nearest first
    @Convert(converter = LikelyCausesColumn.class)
    @Column(name = "likely_causes")
    private List<LikelyCause> likelyCauses = List.of();
    @OneToMany(mappedBy = "alert", cascade = CascadeType.ALL)
    @OrderBy("sequence")
    private List<AlertTransition> transitions = new ArrayList<>();

    protected Alert() {
    }

    /** A new alert, firing from its first transition. */
    public static Alert fire(String measureKey, String period, AlertKind kind, AlertSnapshot snapshot, Instant at) {
        Alert alert = new Alert();
        alert.id = UUID.randomUUID();
        alert.dedupKey = dedupKey(measureKey, period, kind);
        alert.kind = kind;
        alert.measureKey = measureKey;
        alert.period = period;
        alert.createdAt = at;
        alert.refresh(snapshot, at);
        alert.move(AlertState.FIRING, at, null, null);
        return alert;
    }

    public static String dedupKey(String measureKey, String period, AlertKind kind) {
        return measureKey + ":" + period + ":" + kind;
    }

    /** Copies what the alert shows from the latest evaluation; not a transition, so nothing is published. */
    public void refresh(AlertSnapshot snapshot, Instant at) {
        this.severity = snapshot.severity();
        this.measureName = snapshot.measureName();
        this.unit = snapshot.unit();
        this.currency = snapshot.currency();
        this.direction = snapshot.direction();
        this.cadence = snapshot.cadence();
        this.driverKey = snapshot.driverKey();
        this.driverName = snapshot.driverName();
        this.driverFunction = snapshot.driverFunction();
        this.actual = snapshot.actual();
        this.projection = snapshot.projection();
        this.targetVersion = snapshot.targetVersion();
        this.successLevel = snapshot.successLevel();
        this.failureLevel = snapshot.failureLevel();
        this.evaluationStatus = snapshot.evaluationStatus();
        this.evaluationState = snapshot.evaluationState();
        this.evaluatedAt = snapshot.evaluatedAt();
        this.summary = snapshot.summary();
        this.updatedAt = at;
    }

    /** Replaces what the summary says (a resolve that no evaluation explains); not a transition. */
    public void summarise(String summary, Instant at) {
        this.summary = summary;
        this.updatedAt = at;
    }

    /** A person takes the alert on. */
    public AlertTransition acknowledge(String by, String comment, Instant at) {
        if (state != AlertState.FIRING) {
            throw new AlertStateException("Alert " + dedupKey + " is " + state + "; only a FIRING alert can be acknowledged");
        }
        return move(AlertState.ACKNOWLEDGED, at, by, comment);
    }

    /** Nobody resolved the acknowledged alert in time: it fires again, as if nobody had taken it on. */
    public AlertTransition reopen(String comment, Instant at) {
        if (state != AlertState.ACKNOWLEDGED) {
            throw new AlertStateException("Alert " + dedupKey + " is " + state + "; only an ACKNOWLEDGED alert reopens");
        }
        return move(AlertState.FIRING, at, null, comment);
    }

    /** Resolves the alert: {@code by} a person, or by itself ({@code by == null}) when the evaluation left red. */
    public AlertTransition resolve(String by, String comment, Instant at) {
        if (!state.open()) {
            throw new AlertStateException("Alert " + dedupKey + " is already RESOLVED");
        }
        this.resolvedManually = by != null;
        return move(AlertState.RESOLVED, at, by, comment);
    }

    /** The condition returned after the alert resolved by itself. */
    public AlertTransition refire(AlertSnapshot snapshot, Instant at) {
        if (state.open() || resolvedManually) {
            throw new AlertStateException("Alert " + dedupKey + " cannot fire again from " + state);
        }
        refresh(snapshot, at);
        return move(AlertState.FIRING, at, null, null);
    }

    /** Whether the alert may fire again for its condition (it resolved by itself). */
    public boolean mayRefire() {
        return !state.open() && !resolvedManually;
    }

    private AlertTransition move(AlertState to, Instant at, String by, String comment) {
        String from = state == null ? AlertTransition.NONE : state.name();
        sequence++;
        AlertTransition transition = new AlertTransition(this, sequence, from, to, at, by, comment);
        transitions.add(transition);
        state = to;
        updatedAt = at;
        return transition;
    }

    /** Records the silences that mute the alert now; an empty list when none does. */
    public void silencedBy(List<String> silenceIds) {
        this.silencedBy = List.copyOf(silenceIds);
    }

    /** Records the upstream alerts that likely explain this one now, nearest first; empty when none does. */
    public void likelyCauses(List<LikelyCause> causes) {
        this.likelyCauses = List.copyOf(causes);
    }

    public List<LikelyCause> likelyCauses() {
        return likelyCauses;
    }

    /** Its firing was muted: it is notified as message {@code messageId} once no silence mutes it. */
    public void awaitNotification(String messageId) {
        this.notificationPending = true;
        this.pendingMessageId = messageId;
    }

    /** Its firing was notified (now or when the silence ended). */
    public void notified() {
        this.notificationPending = false;
        this.pendingMessageId = null;
    }

    /** The latest transition to FIRING: the one a late notification announces. */
    public AlertTransition lastFiring() {
        for (int i = transitions.size() - 1; i >= 0; i--) {
            if (AlertState.FIRING.name().equals(transitions.get(i).to())) {
                return transitions.get(i);
            }
        }
        throw new IllegalStateException("Alert " + dedupKey + " never fired");
    }

    public List<String> silencedBy() {
        return silencedBy;
    }

    public boolean notificationPending() {
        return notificationPending;
    }

    public String pendingMessageId() {
        return pendingMessageId;
    }

    public UUID id() {
        return id;
    }

    public String dedupKey() {
        return dedupKey;
    }

    public AlertKind kind() {
        return kind;
    }

    public AlertState state() {
        return state;
    }

    public String severity() {
        return severity;
    }

    public String measureKey() {
        return measureKey;
    }

    public String measureName() {
        return measureName;
    }

    public String unit() {
        return unit;
    }

    public String currency() {
        return currency;
    }

    public String direction() {
        return direction;
    }

    public String cadence() {
        return cadence;
    }

    public String driverKey() {
        return driverKey;
    }

    public String driverName() {
        return driverName;
    }

    public String driverFunction() {
        return driverFunction;
    }

    public String period() {
        return period;
    }

    public BigDecimal actual() {
        return actual;
    }

    public BigDecimal projection() {
        return projection;
    }

    public int targetVersion() {
        return targetVersion;
    }

    public BigDecimal successLevel() {
        return successLevel;
    }

    public BigDecimal failureLevel() {
        return failureLevel;
    }

    public String evaluationStatus() {
        return evaluationStatus;
    }

    public String evaluationState() {
        return evaluationState;
    }

    public Instant evaluatedAt() {
        return evaluatedAt;
    }

    public String summary() {
        return summary;
    }

    public int sequence() {
        return sequence;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public List<AlertTransition> transitions() {
        return List.copyOf(transitions);
    }
}
