package io.topline.alerts.retention;

import io.quarkus.scheduler.Scheduled;
import io.topline.chassis.retention.BatchedPurge;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;

/** Deletes finished webhook deliveries and their attempts past their retention, in batches (see BatchedPurge). */
@ApplicationScoped
public class RetentionJob {

    /** Attempts of deliveries finished before ?1, at most ?2: first, since they refer to their delivery. */
    static final String DELETE_ATTEMPTS = """
            DELETE FROM webhook_attempt WHERE id IN (
                SELECT a.id FROM webhook_attempt a JOIN webhook_delivery d ON d.id = a.delivery_id
                WHERE d.completed_at < ?1 LIMIT ?2)""";

    /** Deliveries finished before ?1 that have no attempt left, at most ?2. */
    static final String DELETE_DELIVERIES = """
            DELETE FROM webhook_delivery WHERE id IN (
                SELECT d.id FROM webhook_delivery d WHERE d.completed_at < ?1
                AND NOT EXISTS (SELECT 1 FROM webhook_attempt a WHERE a.delivery_id = d.id) LIMIT ?2)""";

    private final BatchedPurge purge;
    private final RetentionConfig retention;
    private final Clock clock;

    public RetentionJob(BatchedPurge purge, RetentionConfig retention, Clock clock) {
        this.purge = purge;
        this.retention = retention;
        this.clock = clock;
    }

    @Scheduled(identity = "retention", every = "${topline.purge.every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        run();
    }

    /** One run: attempts, then the deliveries they belonged to. */
    public void run() {
        Instant cutoff = clock.instant().minus(retention.webhookDeliveries());
        purge.purge("webhook-attempts", DELETE_ATTEMPTS, cutoff);
        purge.purge("webhook-deliveries", DELETE_DELIVERIES, cutoff);
    }
}
