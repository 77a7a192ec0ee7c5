package io.topline.metrics.measurement;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One stored measurement (ingestion inserts rows in bulk, see {@link MeasurementRepository}); only a correction or a
 * retraction changes it ({@link MeasurementCorrections}).
 */
@Entity
@Table(name = "measurement")
public class Measurement {

    @Id
    private Long id;

    @Column(name = "measure_key", nullable = false, updatable = false)
    private String measureKey;

    @Column(nullable = false, updatable = false, precision = 38, scale = 12)
    private BigDecimal value;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;

    @Column(nullable = false, updatable = false)
    private String source;

    @Column(name = "client_id", updatable = false)
    private String clientId;

    @Column(nullable = false, updatable = false)
    private String period;

    @Column(name = "received_at", nullable = false, updatable = false)
    private Instant receivedAt;

    /** When the measurement was retracted; it then no longer counts (changed only by MeasurementCorrections). */
    @Column(name = "retracted_at", insertable = false, updatable = false)
    private Instant retractedAt;

    protected Measurement() {
    }

    public Long id() {
        return id;
    }

    public String measureKey() {
        return measureKey;
    }

    public BigDecimal value() {
        return value;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public String source() {
        return source;
    }

    public String clientId() {
        return clientId;
    }

    public String period() {
        return period;
    }

    public Instant receivedAt() {
        return receivedAt;
    }
}
