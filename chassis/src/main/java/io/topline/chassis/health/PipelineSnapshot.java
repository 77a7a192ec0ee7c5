package io.topline.chassis.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The pipeline as last measured: whether the broker answered, the outbox backlog, each consumer's lag and each
 * dead-letter topic's size. A figure the last refresh could not measure is absent.
 *
 * @param brokerError why the broker did not answer, or empty when it did
 */
public record PipelineSnapshot(Instant measuredAt, Optional<String> brokerError, long outboxBacklog,
                               Optional<Duration> outboxOldestAge, Map<String, Long> consumerLag,
                               Map<String, Long> deadLetters) {

    /** Before the first refresh: nothing is known, so the broker counts as not yet answered. */
    static PipelineSnapshot unknown(Instant now) {
        return new PipelineSnapshot(now, Optional.of("not measured yet"), 0, Optional.empty(), Map.of(), Map.of());
    }

    public boolean brokerReachable() {
        return brokerError.isEmpty();
    }
}
