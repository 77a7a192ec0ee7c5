package io.topline.chassis.health;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the pipeline (broker, outbox, consumers, dead letters) is watched, and when its health group turns DOWN. */
@ConfigMapping(prefix = "topline.pipeline")
public interface PipelineConfig {

    /** How often the backlog, lag and dead-letter figures behind the health group and the gauges are refreshed. */
    @WithDefault("10s")
    Duration refreshInterval();

    /** How long one question to the broker may take before the broker counts as unreachable. */
    @WithDefault("3s")
    Duration brokerTimeout();

    /** The most events the outbox may hold before the pipeline group is DOWN. */
    @WithDefault("10000")
    long outboxMaxBacklog();

    /** The oldest an outbox event may be before the pipeline group is DOWN. */
    @WithDefault("5m")
    Duration outboxMaxAge();

    /** The most records a consumer may be behind (per channel) before the pipeline group is DOWN. */
    @WithDefault("100000")
    long consumerMaxLag();
}
