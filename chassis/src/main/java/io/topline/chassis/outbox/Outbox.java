package io.topline.chassis.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.UUID;

/**
 * Records an event in the caller's transaction; the relay publishes it once that transaction commits.
 *
 * <p>The whole publishing side of a service: it names the event's type, its Kafka record key (which keeps one
 * entity's events in order), its CloudEvents subject and data. The topic is the {@code outbox} channel's.
 */
@ApplicationScoped
public class Outbox {

    private final EntityManager entityManager;
    private final ObjectMapper mapper;
    private final Event<OutboxEventAppended> appended;

    public Outbox(EntityManager entityManager, ObjectMapper mapper, Event<OutboxEventAppended> appended) {
        this.entityManager = entityManager;
        this.mapper = mapper;
        this.appended = appended;
    }

    /**
     * Appends an event of {@code type} whose Kafka record key is {@code key}.
     *
     * @param data the CloudEvent {@code data}, serialized as JSON now so that later changes cannot alter it
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public OutboxEvent append(String type, String key, String subject, Object data, Instant occurredAt) {
        String payload;
        try {
            payload = mapper.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event data of " + type + " cannot be serialized", e);
        }
        OutboxEvent event = new OutboxEvent(type, key, subject, payload, occurredAt);
        entityManager.persist(event);
        appended.fire(new OutboxEventAppended(event.eventId()));
        return event;
    }

    /** Fired when an event was appended; observed after commit to wake the relay. */
    public record OutboxEventAppended(UUID eventId) {
    }
}
