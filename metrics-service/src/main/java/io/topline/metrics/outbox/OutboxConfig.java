package io.topline.metrics.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the transactional outbox and its relay. */
@ConfigMapping(prefix = "topline.outbox")
public interface OutboxConfig {

    /** CloudEvents {@code source} of every event this service publishes. */
    @WithDefault("/topline/metrics-service")
    String source();

    /** How often the relay looks for events when no commit woke it. */
    @WithDefault("1s")
    Duration pollInterval();

    /** How long the relay waits after a commit woke it, so that one round publishes the commits of a burst. */
    @WithDefault("20ms")
    Duration linger();

    /** Most events published in one relay round. */
    @WithDefault("200")
    int batchSize();

    /** How long the relay waits for the broker to acknowledge a round before it retries. */
    @WithDefault("30s")
    Duration sendTimeout();

    /** Longest pause between retries while the broker is unreachable. */
    @WithDefault("10s")
    Duration maxBackoff();
}
