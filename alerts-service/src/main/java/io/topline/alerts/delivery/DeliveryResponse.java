package io.topline.alerts.delivery;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A delivery of one message to a subscriber, with every attempt made; {@code replayOf} names the one it replays. */
public record DeliveryResponse(UUID id, String messageId, String eventType, String status, int attempts,
                               Integer lastStatus, Instant nextAttemptAt, Instant createdAt, Instant completedAt,
                               UUID replayOf, List<Attempt> attemptLog) {

    /** One attempt: when, the status code (null without an answer), the outcome and when a retry is due. */
    public record Attempt(int attempt, Instant at, Integer statusCode, String outcome, String error, long durationMs,
                          Instant retryAt) {
    }

    public static DeliveryResponse of(WebhookDelivery d, List<WebhookAttempt> attempts) {
        return new DeliveryResponse(d.id(), d.messageId(), d.eventType(), d.status().name(), d.attempts(),
                d.lastStatus(), d.nextAttemptAt(), d.createdAt(), d.completedAt(), d.replayOf(),
                attempts.stream().map(a -> new Attempt(a.attempt(), a.attemptedAt(), a.statusCode(), a.outcome(),
                        a.error(), a.durationMs(), a.retryAt())).toList());
    }
}
