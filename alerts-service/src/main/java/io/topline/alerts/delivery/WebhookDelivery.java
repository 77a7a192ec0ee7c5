package io.topline.alerts.delivery;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * One message to one subscriber, persisted before it is sent so that it survives a restart. Its {@code messageId}
 * is the {@code webhook-id}: the same for every attempt, so that subscribers can drop repeats.
 */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery {

    @Id
    private UUID id;
    @Column(name = "subscription_id")
    private UUID subscriptionId;
    @Column(name = "message_id")
    private String messageId;
    @Column(name = "event_type")
    private String eventType;
    private String payload;
    @Enumerated(EnumType.STRING)
    private DeliveryStatus status;
    private int attempts;
    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;
    @Column(name = "last_status")
    private Integer lastStatus;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "completed_at")
    private Instant completedAt;
    // the delivery this one sends again, null for a message's first delivery
    @Column(name = "replay_of")
    private UUID replayOf;

    protected WebhookDelivery() {
    }

    public WebhookDelivery(UUID subscriptionId, String messageId, String eventType, String payload, Instant now,
                           Instant firstAttemptAt) {
        this.id = UUID.randomUUID();
        this.subscriptionId = subscriptionId;
        this.messageId = messageId;
        this.eventType = eventType;
        this.payload = payload;
        this.status = DeliveryStatus.PENDING;
        this.createdAt = now;
        this.nextAttemptAt = firstAttemptAt;
    }

    /**
     * A new attempt series for the same message: the same {@code webhook-id} and bytes, so that a receiver that
     * already has the message drops it.
     */
    public WebhookDelivery replay(Instant now, Instant firstAttemptAt) {
        WebhookDelivery replay = new WebhookDelivery(subscriptionId, messageId, eventType, payload, now, firstAttemptAt);
        replay.replayOf = id;
        return replay;
    }

    /**
     * Holds the delivery for an attempt in flight; if this instance dies, the lease runs out and it is retried. The
     * lease's end also identifies the claim: an attempt records its outcome only while the delivery holds it.
     */
    public void lease(Instant until) {
        this.nextAttemptAt = until;
    }

    /** Whether the delivery is pending under the lease that ends at {@code until}, that is, still that claim's. */
    public boolean holds(Instant until) {
        return status == DeliveryStatus.PENDING && until.equals(nextAttemptAt);
    }

    /** Records an attempt's outcome; a {@code retryAt} keeps the delivery pending until then. */
    public void attempted(Integer statusCode, DeliveryStatus next, Instant retryAt, Instant now) {
        if (status != DeliveryStatus.PENDING) {
            return;
        }
        attempts++;
        lastStatus = statusCode;
        status = next;
        nextAttemptAt = next == DeliveryStatus.PENDING ? retryAt : null;
        if (next != DeliveryStatus.PENDING) {
            completedAt = now;
        }
    }

    public void cancel(Instant now) {
        if (status == DeliveryStatus.PENDING) {
            status = DeliveryStatus.CANCELLED;
            nextAttemptAt = null;
            completedAt = now;
        }
    }

    public UUID id() {
        return id;
    }

    public UUID subscriptionId() {
        return subscriptionId;
    }

    public String messageId() {
        return messageId;
    }

    public String eventType() {
        return eventType;
    }

    public String payload() {
        return payload;
    }

    public DeliveryStatus status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public Integer lastStatus() {
        return lastStatus;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant completedAt() {
        return completedAt;
    }

    public UUID replayOf() {
        return replayOf;
    }
}
