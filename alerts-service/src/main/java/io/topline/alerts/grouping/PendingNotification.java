package io.topline.alerts.grouping;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A notification queued for a receiver that groups: the message it would have been on its own (id, type, Standard
 * Webhooks payload), the group it joins, and when its group is due at the latest.
 */
@Entity
@Table(name = "pending_notification")
public class PendingNotification {

    @Id
    private UUID id;
    @Column(name = "subscription_id")
    private UUID subscriptionId;
    @Column(name = "group_key")
    private String groupKey;
    @Column(name = "message_id")
    private String messageId;
    @Column(name = "event_type")
    private String eventType;
    private String payload;
    @Column(name = "queued_at")
    private Instant queuedAt;
    @Column(name = "due_at")
    private Instant dueAt;

    protected PendingNotification() {
    }

    @SuppressWarnings("java:S107")
    public PendingNotification(UUID subscriptionId, String groupKey, String messageId, String eventType,
                               String payload, Instant queuedAt, Instant dueAt) {
        this.id = UUID.randomUUID();
        this.subscriptionId = subscriptionId;
        this.groupKey = groupKey;
        this.messageId = messageId;
        this.eventType = eventType;
        this.payload = payload;
        this.queuedAt = queuedAt;
        this.dueAt = dueAt;
    }

    public UUID subscriptionId() {
        return subscriptionId;
    }

    public String groupKey() {
        return groupKey;
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

    public Instant queuedAt() {
        return queuedAt;
    }
}
