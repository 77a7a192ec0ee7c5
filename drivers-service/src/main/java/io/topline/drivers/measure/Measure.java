package io.topline.drivers.measure;

import io.topline.drivers.driver.Driver;
import io.topline.chassis.problem.ProblemException;
import io.topline.drivers.target.Period;
import io.topline.drivers.target.Severity;
import io.topline.drivers.target.Target;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A measure of a driver with its target schedule; the aggregate whose whole state each measure event carries. */
@Entity
@Table(name = "measure")
public class Measure {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "measure_key", nullable = false, updatable = false)
    private String key;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "driver_id", nullable = false, updatable = false)
    private Driver driver;

    @Column(nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Unit unit;

    private String currency;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Aggregation aggregation;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Direction direction;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Cadence cadence;

    @Column(nullable = false)
    private String owner;

    private String description;

    /** How often a source is expected to report (a heartbeat); null when only the period's end matters. */
    @Column(name = "expected_every_seconds")
    private Long expectedEverySeconds;

    @Column(nullable = false)
    private boolean archived;

    /** Grows with every change, targets included; it is both the ETag and the revision of the published state. */
    @Column(nullable = false)
    private long revision;

    @OneToMany(mappedBy = "measure", cascade = CascadeType.PERSIST, fetch = FetchType.EAGER)
    @OrderBy("version")
    private List<Target> targets = new ArrayList<>();

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Measure() {
    }

    public Measure(String key, Driver driver, String name, Unit unit, String currency, Aggregation aggregation,
                   Direction direction, Cadence cadence, String owner, String description, Duration expectedEvery,
                   Instant now) {
        this.key = Objects.requireNonNull(key);
        this.driver = Objects.requireNonNull(driver);
        this.name = name;
        this.unit = unit;
        this.currency = currency;
        this.aggregation = aggregation;
        this.direction = direction;
        this.cadence = cadence;
        this.owner = owner;
        this.description = description;
        this.expectedEverySeconds = seconds(expectedEvery);
        this.revision = 1;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Applies the changeable fields; returns false, keeping the revision, when nothing differs. */
    public boolean change(String name, Unit unit, String currency, Aggregation aggregation, String owner,
                          String description, Duration expectedEvery, Instant now) {
        requireActive();
        if (Objects.equals(this.name, name) && this.unit == unit && Objects.equals(this.currency, currency)
                && this.aggregation == aggregation && Objects.equals(this.owner, owner)
                && Objects.equals(this.description, description)
                && Objects.equals(this.expectedEverySeconds, seconds(expectedEvery))) {
            return false;
        }
        this.name = name;
        this.unit = unit;
        this.currency = currency;
        this.aggregation = aggregation;
        this.owner = owner;
        this.description = description;
        this.expectedEverySeconds = seconds(expectedEvery);
        touch(now);
        return true;
    }

    /**
     * Adds the next target version, effective from {@code period} on.
     *
     * @throws ProblemException 422 when the period has another cadence or the levels are on the wrong side
     */
    public Target addTarget(Period period, BigDecimal successLevel, BigDecimal failureLevel, Severity severity,
                            String note, Instant now) {
        requireActive();
        if (period.cadence() != cadence) {
            throw ProblemException.unprocessable("effectiveFrom", "'" + period + "' is a "
                    + period.cadence().name().toLowerCase() + " period, but measure '" + key + "' is measured "
                    + cadence.name().toLowerCase() + "; use a period like " + Period.example(cadence));
        }
        if (direction == Direction.HIGHER_IS_BETTER && failureLevel.compareTo(successLevel) > 0) {
            throw ProblemException.unprocessable("failureLevel", "For a HIGHER_IS_BETTER measure failure is the low "
                    + "side: failureLevel " + failureLevel.toPlainString() + " must be at or below successLevel "
                    + successLevel.toPlainString());
        }
        if (direction == Direction.LOWER_IS_BETTER && failureLevel.compareTo(successLevel) < 0) {
            throw ProblemException.unprocessable("failureLevel", "For a LOWER_IS_BETTER measure failure is the high "
                    + "side: failureLevel " + failureLevel.toPlainString() + " must be at or above successLevel "
                    + successLevel.toPlainString());
        }
        Target target = new Target(this, targets.size() + 1, period, successLevel, failureLevel, severity, note, now);
        targets.add(target);
        touch(now);
        return target;
    }

    public void archive(Instant now) {
        requireActive();
        archived = true;
        touch(now);
    }

    private void requireActive() {
        if (archived) {
            throw ProblemException.conflict("archived", "Measure '" + key + "' is archived and cannot change");
        }
    }

    private static Long seconds(Duration duration) {
        return duration == null ? null : duration.toSeconds();
    }

    private void touch(Instant now) {
        revision++;
        updatedAt = now;
    }

    public Long id() {
        return id;
    }

    public String key() {
        return key;
    }

    public Driver driver() {
        return driver;
    }

    public String name() {
        return name;
    }

    public Unit unit() {
        return unit;
    }

    public String currency() {
        return currency;
    }

    public Aggregation aggregation() {
        return aggregation;
    }

    public Direction direction() {
        return direction;
    }

    public Cadence cadence() {
        return cadence;
    }

    public String owner() {
        return owner;
    }

    public String description() {
        return description;
    }

    public Duration expectedEvery() {
        return expectedEverySeconds == null ? null : Duration.ofSeconds(expectedEverySeconds);
    }

    public boolean archived() {
        return archived;
    }

    public long revision() {
        return revision;
    }

    public List<Target> targets() {
        return List.copyOf(targets);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
