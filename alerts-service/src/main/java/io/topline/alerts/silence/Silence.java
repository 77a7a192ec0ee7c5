package io.topline.alerts.silence;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Mutes the notifications of the alerts its matchers pick while it is in force: from {@code startsAt} until
 * {@code endsAt}, until every alert it muted resolved, or until a person expires it; with a maintenance window, only
 * inside that window.
 */
@Entity
@Table(name = "silence")
public class Silence {

    @Id
    private UUID id;
    @Convert(converter = JsonColumns.Matchers.class)
    private List<LabelMatcher> matchers;
    @Column(name = "starts_at")
    private Instant startsAt;
    @Column(name = "ends_at")
    private Instant endsAt;
    @Column(name = "until_resolved")
    private boolean untilResolved;
    @Convert(converter = JsonColumns.Window.class)
    private MaintenanceWindow schedule;
    private String comment;
    @Column(name = "created_by")
    private String createdBy;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "ended_at")
    private Instant endedAt;
    @Column(name = "ended_by")
    private String endedBy;
    // the key an organisation file names it by; unique among the silences not ended
    private String slug;
    @Transient
    private List<CompiledMatcher> compiled;

    protected Silence() {
    }

    @SuppressWarnings("java:S107")
    Silence(List<LabelMatcher> matchers, Instant startsAt, Instant endsAt, boolean untilResolved,
            MaintenanceWindow schedule, String comment, String createdBy, Instant createdAt) {
        this.id = UUID.randomUUID();
        this.matchers = List.copyOf(matchers);
        this.startsAt = startsAt;
        this.endsAt = endsAt;
        this.untilResolved = untilResolved;
        this.schedule = schedule;
        this.comment = comment;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.slug = "silence-" + id.toString().replace("-", "").substring(0, 12);
    }

    public SilenceState state(Instant now) {
        if (endedAt != null || (endsAt != null && !now.isBefore(endsAt))) {
            return SilenceState.EXPIRED;
        }
        return now.isBefore(startsAt) ? SilenceState.PENDING : SilenceState.ACTIVE;
    }

    /** Whether it mutes an alert with these labels at {@code at}: in force, inside its window, every matcher holding. */
    boolean mutes(Map<String, String> labels, Instant at, Duration regexLimit) {
        return state(at) == SilenceState.ACTIVE
                && (schedule == null || schedule.contains(at))
                && matchesLabels(labels, regexLimit);
    }

    /** Whether every matcher holds for the labels, whatever the time. */
    boolean matchesLabels(Map<String, String> labels, Duration regexLimit) {
        if (compiled == null) {
            compiled = matchers.stream().map(CompiledMatcher::of).toList();
        }
        return compiled.stream().allMatch(m -> m.matches(labels, regexLimit));
    }

    /** Ends the silence at {@code at}: {@code by} a person, or by itself ({@code null}). */
    void end(Instant at, String by) {
        this.endedAt = at;
        this.endedBy = by;
    }

    public UUID id() {
        return id;
    }

    public List<LabelMatcher> matchers() {
        return matchers;
    }

    public Instant startsAt() {
        return startsAt;
    }

    public Instant endsAt() {
        return endsAt;
    }

    public boolean untilResolved() {
        return untilResolved;
    }

    public MaintenanceWindow schedule() {
        return schedule;
    }

    public String comment() {
        return comment;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant endedAt() {
        return endedAt;
    }

    public String endedBy() {
        return endedBy;
    }

    /** The key an organisation file names this silence by. */
    public String slug() {
        return slug;
    }

    void rekey(String key) {
        this.slug = key;
    }
}
