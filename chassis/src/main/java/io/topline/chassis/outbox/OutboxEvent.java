package io.topline.chassis.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** An event written in the same transaction as the state change it announces, waiting for the relay. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "event_id", nullable = false, updatable = false)
    private UUID eventId;

    @Column(name = "event_type", nullable = false, updatable = false)
    private String type;

    @Column(name = "record_key", nullable = false, updatable = false)
    private String key;

    @Column(nullable = false, updatable = false)
    private String subject;

    @Column(nullable = false, updatable = false)
    private String payload;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;

    protected OutboxEvent() {
    }

    public OutboxEvent(String type, String key, String subject, String payload, Instant occurredAt) {
        this.eventId = UUID.randomUUID();
        this.type = Objects.requireNonNull(type);
        this.key = Objects.requireNonNull(key);
        this.subject = Objects.requireNonNull(subject);
        this.payload = Objects.requireNonNull(payload);
        this.occurredAt = Objects.requireNonNull(occurredAt);
    }

    public Long id() {
        return id;
    }

    public UUID eventId() {
        return eventId;
    }

    public String type() {
        return type;
    }

    public String key() {
        return key;
    }

    public String subject() {
        return subject;
    }

    public String payload() {
        return payload;
    }

    public Instant occurredAt() {
        return occurredAt;
    }
}
