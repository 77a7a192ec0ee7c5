package io.topline.metrics.retention;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.topline.chassis.retention.BatchedPurge;
import io.topline.metrics.ingest.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Clock;
import java.time.Instant;

/** Deletes raw measurements and Idempotency-Key records past their retention, in batches (see BatchedPurge). */
@ApplicationScoped
public class RetentionJob {

    /** Measurements received before ?1, at most ?2; the BRIN index on received_at finds them. */
    static final String DELETE_MEASUREMENTS = """
            DELETE FROM measurement WHERE id IN (
                SELECT id FROM measurement WHERE received_at < ?1 LIMIT ?2)""";

    /** Records created before ?1, at most ?2; one a running request holds (locked) is skipped. */
    static final String DELETE_IDEMPOTENCY_RECORDS = """
            DELETE FROM idempotency_record WHERE (principal, idempotency_key) IN (
                SELECT principal, idempotency_key FROM idempotency_record WHERE created_at < ?1
                LIMIT ?2 FOR UPDATE SKIP LOCKED)""";

    private final BatchedPurge purge;
    private final RetentionConfig retention;
    private final IngestConfig ingest;
    private final Clock clock;

    public RetentionJob(BatchedPurge purge, RetentionConfig retention, IngestConfig ingest, Clock clock) {
        this.purge = purge;
        this.retention = retention;
        this.ingest = ingest;
        this.clock = clock;
    }

    void checkRetentionExceedsHorizon(@Observes StartupEvent event) {
        if (retention.measurements().compareTo(ingest.horizon().plus(ingest.futureSkew())) <= 0) {
            throw new IllegalStateException("topline.retention.measurements (" + retention.measurements()
                    + ") must exceed topline.ingest.horizon (" + ingest.horizon() + "): a measurement re-sent within "
                    + "the horizon would no longer be recognised as a duplicate and would be counted twice");
        }
    }

    @Scheduled(identity = "retention", every = "${topline.purge.every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        run();
    }

    /** One run: every rule, oldest rows first. */
    public void run() {
        Instant now = clock.instant();
        purge.purge("measurements", DELETE_MEASUREMENTS, now.minus(retention.measurements()));
        purge.purge("idempotency-records", DELETE_IDEMPOTENCY_RECORDS, now.minus(ingest.idempotencyRetention()));
    }
}
