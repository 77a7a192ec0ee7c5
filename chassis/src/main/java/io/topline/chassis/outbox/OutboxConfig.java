package io.topline.chassis.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

/** Settings of the transactional outbox and its relay. */
@ConfigMapping(prefix = "topline.outbox")
public interface OutboxConfig {

    /** CloudEvents {@code source} of every event this service publishes: {@code /topline/<application name>}. */
    @WithDefault("/topline/${quarkus.application.name}")
    String source();

    /**
     * Topics for event types that do not go to the {@code outbox} channel's topic, by event type (for example
     * {@code topline.outbox.topics."topline.silence.created"=topline.silences}); none by default, so every event goes
     * to the channel's topic.
     */
    Map<String, String> topics();

    /** How often the relay looks for events when no commit woke it (another replica's rows, a restart). */
    @WithDefault("1s")
    Duration pollInterval();

    /**
     * How long the relay waits after a commit woke it, so that one round publishes the commits of a burst; 0 sends at
     * once (lowest latency, one relay transaction per commit).
     */
    @WithDefault("0ms")
    Duration linger();

    /** Most events published in one relay round. */
    @WithDefault("200")
    int batchSize();

    /** Whether a round awaits each send before the next, or sends all of it at once; see {@link SendMode}. */
    @WithDefault("IN_ORDER")
    SendMode sendMode();

    /** How long the relay waits for the broker to acknowledge a round before it retries. */
    @WithDefault("30s")
    Duration sendTimeout();

    /** Longest pause between retries while the broker is unreachable. */
    @WithDefault("10s")
    Duration maxBackoff();

    /** How a relay round hands its events to the producer. */
    enum SendMode {
        /**
         * One at a time, each awaited: the connector retries a failed send by itself after later sends of the same
         * key went through, which would break the order per key. For topics whose consumers need that order.
         */
        IN_ORDER,
        /**
         * All of a round at once: for many events whose consumers keep the highest revision per key, where a send
         * that lands after a later one is harmless.
         */
        PIPELINED
    }
}
