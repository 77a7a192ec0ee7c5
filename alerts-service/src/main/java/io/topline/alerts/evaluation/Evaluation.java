package io.topline.alerts.evaluation;

import io.topline.alerts.catalog.TargetVersion;
import io.topline.alerts.period.Cadence;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * The evaluation of one measure for one period, with the target version, actual and projection it used.
 *
 * <p>States only move forward: PROVISIONAL while the period is open, then FINAL, then REVISED when late data or a
 * corrected target changes a final judgement.
 */
@Entity
@Table(name = "evaluation")
public class Evaluation {

    // ids drawn 50 at a time (V25): an identity id is inserted at persist, one round trip per evaluation, while a
    // drawn one lets the closing job's thousands of evaluations go to the database in JDBC batches. V25's comment has
    // the block the wrong way round: Quarkus's default optimizer is pooled-lo, so a number drawn is the first of its
    // 50 ids, not the last. The blocks still never overlap each other, nor the ids SQL inserts draw from the default.
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "evaluation_ids")
    @SequenceGenerator(name = "evaluation_ids", sequenceName = "evaluation_ids", allocationSize = 50)
    private Long id;
    @Column(name = "measure_key")
    private String measureKey;
    private String period;
    @Enumerated(EnumType.STRING)
    private Cadence cadence;
    @Column(name = "period_start")
    private Instant periodStart;
    @Column(name = "period_end")
    private Instant periodEnd;
    @Column(name = "target_version")
    private int targetVersion;
    @Column(name = "success_level")
    private BigDecimal successLevel;
    @Column(name = "failure_level")
    private BigDecimal failureLevel;
    private String severity;
    private BigDecimal actual;
    @Column(name = "actual_revision")
    private Long actualRevision;
    private BigDecimal projection;
    @Enumerated(EnumType.STRING)
    private EvaluationStatus status;
    @Enumerated(EnumType.STRING)
    private EvaluationState state;
    @Column(name = "evaluated_at")
    private Instant evaluatedAt;
    /** Known only from a rebuild of the read model (no data newer than the rebuild horizon): it moves no alert. */
    private boolean rebuilt;

    protected Evaluation() {
    }

    public Evaluation(String measureKey, String period, Cadence cadence, Instant periodStart, Instant periodEnd) {
        this.measureKey = measureKey;
        this.period = period;
        this.cadence = cadence;
        this.periodStart = periodStart;
        this.periodEnd = periodEnd;
    }

    /**
     * Records a judgement of the period, open ({@code closed == false}) or closed. A closed period that already had
     * a final judgement with data becomes REVISED when the outcome changes; a period that closed without data takes
     * its first real judgement as FINAL.
     *
     * @return whether anything a reader can see changed
     */
    public boolean record(TargetVersion target, BigDecimal actual, Long actualRevision, Judgement judgement,
                          boolean closed, Instant now) {
        EvaluationState next;
        if (!closed) {
            next = EvaluationState.PROVISIONAL;
        } else if (state != null && state.closed()) {
            // NO_DATA is a final verdict too: data that arrives after it revises it, like any late data
            boolean outcomeChanged = status != judgement.status() || !sameNumber(this.actual, actual)
                    || targetVersion != target.version();
            next = outcomeChanged ? EvaluationState.REVISED : state;
        } else {
            next = EvaluationState.FINAL;
        }
        boolean changed = state != next || status != judgement.status() || !sameNumber(this.actual, actual)
                || !sameNumber(this.projection, judgement.projection()) || targetVersion != target.version()
                || !sameNumber(successLevel, target.successLevel()) || !sameNumber(failureLevel, target.failureLevel())
                || !Objects.equals(severity, target.severity());
        this.actualRevision = actualRevision;
        if (!changed) {
            return false;
        }
        this.state = next;
        this.status = judgement.status();
        this.actual = actual;
        this.projection = judgement.projection();
        this.targetVersion = target.version();
        this.successLevel = target.successLevel();
        this.failureLevel = target.failureLevel();
        this.severity = target.severity();
        this.evaluatedAt = now;
        return true;
    }

    private static boolean sameNumber(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    /** Marks the period as known only from a rebuild of the read model (it moves no alert), or as live again. */
    void markRebuilt(boolean rebuilt) {
        this.rebuilt = rebuilt;
    }

    /** Whether the period was first judged during a rebuild, so its alerts are history this service does not own. */
    public boolean rebuilt() {
        return rebuilt;
    }

    /** Whether the judgement is red: the one condition alerts fire on. */
    public boolean red() {
        return status == EvaluationStatus.MISSED || status == EvaluationStatus.NO_DATA;
    }

    public String measureKey() {
        return measureKey;
    }

    public String period() {
        return period;
    }

    public Cadence cadence() {
        return cadence;
    }

    public Instant periodStart() {
        return periodStart;
    }

    public Instant periodEnd() {
        return periodEnd;
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

    public String severity() {
        return severity;
    }

    public BigDecimal actual() {
        return actual;
    }

    public BigDecimal projection() {
        return projection;
    }

    public EvaluationStatus status() {
        return status;
    }

    public EvaluationState state() {
        return state;
    }

    public Instant evaluatedAt() {
        return evaluatedAt;
    }

    Long actualRevision() {
        return actualRevision;
    }
}
