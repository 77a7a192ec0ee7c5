package io.topline.alerts.silence;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How silences are applied: how often their ends are looked for, and how long a matcher's regex may run. */
@ConfigMapping(prefix = "topline.silences")
public interface SilenceConfig {

    /**
     * How often silences that ended by time (endsAt passed, a maintenance window closed or opened) are applied to the
     * open alerts, notifying the firings they muted ("off" disables it).
     */
    @WithDefault("30s")
    String sweepInterval();

    /** Longest time one regular-expression matcher may take on one label before it counts as not matching. */
    @WithDefault("50ms")
    Duration regexTimeout();
}
