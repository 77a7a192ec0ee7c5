package io.topline.alerts.delivery;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One recorded attempt to deliver a message: when, what came back, and when the next one is due. */
@Entity
@Table(name = "webhook_attempt")
public class WebhookAttempt {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "delivery_id")
    private UUID deliveryId;
    private int attempt;
    @Column(name = "attempted_at")
    private Instant attemptedAt;
    @Column(name = "status_code")
    private Integer statusCode;
    private String outcome;
    private String error;
    @Column(name = "duration_ms")
    private long durationMs;
    @Column(name = "retry_at")
    private Instant retryAt;

    protected WebhookAttempt() {
    }

    public WebhookAttempt(UUID deliveryId, int attempt, Instant attemptedAt, Integer statusCode, String outcome,
                          String error, long durationMs, Instant retryAt) {
        this.deliveryId = deliveryId;
        this.attempt = attempt;
        this.attemptedAt = attemptedAt;
        this.statusCode = statusCode;
        this.outcome = outcome;
        this.error = error;
        this.durationMs = durationMs;
        this.retryAt = retryAt;
    }

    public UUID deliveryId() {
        return deliveryId;
    }

    public int attempt() {
        return attempt;
    }

    public Instant attemptedAt() {
        return attemptedAt;
    }

    public Integer statusCode() {
        return statusCode;
    }

    public String outcome() {
        return outcome;
    }

    public String error() {
        return error;
    }

    public long durationMs() {
        return durationMs;
    }

    public Instant retryAt() {
        return retryAt;
    }
}
