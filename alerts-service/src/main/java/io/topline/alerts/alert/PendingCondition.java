package io.topline.alerts.alert;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.Instant;

/** A red condition that has not yet held for the settle time; its alert fires only if it still holds then. */
@Entity
@Table(name = "alert_condition")
public class PendingCondition {

    @Id
    @Column(name = "dedup_key")
    private String dedupKey;
    @Column(name = "measure_key")
    private String measureKey;
    private String period;
    @Enumerated(EnumType.STRING)
    private AlertKind kind;
    private Instant since;

    protected PendingCondition() {
    }

    public PendingCondition(String measureKey, String period, AlertKind kind, Instant since) {
        this.dedupKey = Alert.dedupKey(measureKey, period, kind);
        this.measureKey = measureKey;
        this.period = period;
        this.kind = kind;
        this.since = since;
    }

    public boolean settled(Duration settleTime, Instant now) {
        return !now.isBefore(since.plus(settleTime));
    }

    public String measureKey() {
        return measureKey;
    }

    public String period() {
        return period;
    }

    public Instant since() {
        return since;
    }
}
