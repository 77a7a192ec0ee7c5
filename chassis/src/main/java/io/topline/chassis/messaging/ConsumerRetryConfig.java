package io.topline.chassis.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How long a consumer retries a record when the service itself fails (its database away) before dead-lettering it. */
@ConfigMapping(prefix = "topline.consumer.retry")
public interface ConsumerRetryConfig {

    /** Retries after the first attempt; with the defaults they span about a minute, a database restart's length. */
    @WithDefault("8")
    int maxRetries();

    /** Pause before the first retry; it doubles with every further one. */
    @WithDefault("200ms")
    Duration delay();

    /** Longest pause between two retries. */
    @WithDefault("30s")
    Duration maxDelay();

    /** Random spread added to each pause, so that replicas do not retry in step. */
    @WithDefault("100ms")
    Duration jitter();
}
