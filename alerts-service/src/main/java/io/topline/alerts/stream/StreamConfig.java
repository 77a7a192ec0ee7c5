package io.topline.alerts.stream;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How much of topline.alerts the live stream keeps for clients that resume, and how far a client may fall behind. */
@ConfigMapping(prefix = "topline.stream")
public interface StreamConfig {

    /** Most recent events kept for resuming with {@code Last-Event-ID}. */
    @WithDefault("10000")
    int windowSize();

    /** How long an event stays resumable; older ones leave the window even if it is not full. */
    @WithDefault("1h")
    Duration windowAge();

    /**
     * Events one client may have waiting (not yet written to it) beyond what it is replayed on resuming; one that
     * falls further behind is sent a final {@code dropped} event and disconnected, so it never slows the others.
     */
    @WithDefault("1000")
    int subscriberBuffer();
}
