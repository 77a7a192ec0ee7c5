package io.topline.alerts.catalog;

import io.topline.alerts.period.Cadence;
import io.topline.alerts.period.Period;
import io.topline.chassis.calendar.FiscalCalendar;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** This service's copy of a measure with its whole target schedule, kept at the highest published revision. */
@Entity
@Table(name = "catalog_measure")
public class CatalogMeasure {

    @Id
    private String key;
    @Column(name = "driver_key")
    private String driverKey;
    private String name;
    private String unit;
    private String currency;
    private String aggregation;
    private String direction;
    @Enumerated(EnumType.STRING)
    private Cadence cadence;
    private String owner;
    private String description;
    private boolean archived;
    private long revision;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Column(name = "expected_every_seconds")
    private Long expectedEverySeconds;
    @Column(name = "heartbeat_since")
    private Instant heartbeatSince;
    @Column(name = "last_heard_at")
    private Instant lastHeardAt;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "catalog_target", joinColumns = @JoinColumn(name = "measure_key"))
    private List<TargetVersion> targets = new ArrayList<>();

    protected CatalogMeasure() {
    }

    public CatalogMeasure(String key) {
        this.key = key;
    }

    /** Applies a published state; returns false (and changes nothing) when it is not newer than what is kept. */
    @SuppressWarnings("java:S107")
    public boolean apply(long revision, String driverKey, String name, String unit, String currency, String aggregation,
                         String direction, Cadence cadence, String owner, String description, boolean archived,
                         List<TargetVersion> targets, Instant updatedAt) {
        if (this.revision >= revision) {
            return false;
        }
        this.revision = revision;
        this.driverKey = driverKey;
        this.name = name;
        this.unit = unit;
        this.currency = currency;
        this.aggregation = aggregation;
        this.direction = direction;
        this.cadence = cadence;
        this.owner = owner;
        this.description = description;
        this.archived = archived;
        this.updatedAt = updatedAt;
        this.targets.clear();
        this.targets.addAll(targets);
        return true;
    }

    /**
     * Sets the heartbeat the published state declares (null: none); a new or changed one is expected from
     * {@code now} on, this service's own time, so that a replay's lag never looks like a silent source.
     */
    public void expectReportsEvery(Duration expectedEvery, Instant now) {
        Long seconds = expectedEvery == null ? null : expectedEvery.toSeconds();
        if (!Objects.equals(seconds, expectedEverySeconds)) {
            expectedEverySeconds = seconds;
            heartbeatSince = seconds == null ? null : now;
        }
    }

    /** An actual updated at {@code at} arrived; returns whether it is the latest heard of. */
    public boolean heard(Instant at) {
        if (lastHeardAt != null && !at.isAfter(lastHeardAt)) {
            return false;
        }
        lastHeardAt = at;
        return true;
    }

    /** How often the source is expected to report; null when the measure declares no heartbeat. */
    public Duration expectedEvery() {
        return expectedEverySeconds == null ? null : Duration.ofSeconds(expectedEverySeconds);
    }

    /** When the latest actual arrived, or null when none has. */
    public Instant lastHeardAt() {
        return lastHeardAt;
    }

    /** When silence started to count: the latest actual, or the heartbeat's declaration if that is later. */
    public Instant silentSince() {
        if (lastHeardAt == null) {
            return heartbeatSince;
        }
        return heartbeatSince == null || lastHeardAt.isAfter(heartbeatSince) ? lastHeardAt : heartbeatSince;
    }

    /**
     * The target version in effect for {@code period}: the latest effective period not after it and, among
     * corrections from the same period, the highest version.
     */
    public Optional<TargetVersion> targetFor(Period period) {
        FiscalCalendar calendar = period.calendar();
        return targets.stream()
                .filter(t -> Period.isValid(calendar, cadence, t.effectiveFrom())
                        && Period.parse(calendar, cadence, t.effectiveFrom()).compareTo(period) <= 0)
                .max(Comparator.comparing((TargetVersion t) -> Period.parse(calendar, cadence, t.effectiveFrom()))
                        .thenComparingInt(TargetVersion::version));
    }

    /**
     * When {@code period} first had a target: NO_DATA is only raised for periods that closed after this, so a
     * target set effective from a past period does not raise NO_DATA for periods closed before it existed.
     */
    public Optional<Instant> firstTargetedAt(Period period) {
        FiscalCalendar calendar = period.calendar();
        return targets.stream()
                .filter(t -> Period.isValid(calendar, cadence, t.effectiveFrom())
                        && Period.parse(calendar, cadence, t.effectiveFrom()).compareTo(period) <= 0)
                .map(TargetVersion::createdAt)
                .min(Comparator.naturalOrder());
    }

    /** The first period of {@code calendar} any target applies to, if there is a target. */
    public Optional<Period> firstTargetedPeriod(FiscalCalendar calendar) {
        return targets.stream()
                .filter(t -> Period.isValid(calendar, cadence, t.effectiveFrom()))
                .map(t -> Period.parse(calendar, cadence, t.effectiveFrom()))
                .min(Comparator.naturalOrder());
    }

    public boolean higherIsBetter() {
        return "HIGHER_IS_BETTER".equals(direction);
    }

    /** Whether the period's actual is a running total, so that an open period is projected by pace. */
    public boolean accumulates() {
        return "SUM".equals(aggregation) || "COUNT".equals(aggregation);
    }

    public String key() {
        return key;
    }

    public String driverKey() {
        return driverKey;
    }

    public String name() {
        return name;
    }

    public String unit() {
        return unit;
    }

    public String currency() {
        return currency;
    }

    public String aggregation() {
        return aggregation;
    }

    public String direction() {
        return direction;
    }

    public Cadence cadence() {
        return cadence;
    }

    public String owner() {
        return owner;
    }

    public boolean archived() {
        return archived;
    }

    public long revision() {
        return revision;
    }

    public List<TargetVersion> targets() {
        return List.copyOf(targets);
    }
}
