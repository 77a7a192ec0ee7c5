package io.topline.alerts.alert;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** When alerts fire: the settle time a red condition must hold first, and how often held conditions are checked. */
@ConfigMapping(prefix = "topline.alerts")
public interface AlertConfig {

    /** Time a red condition must hold before its alert fires (like Prometheus {@code for}); 0 fires at once. */
    @WithDefault("0s")
    Duration settleTime();

    /** How often conditions waiting out their settle time are checked ("off" disables it). */
    @WithDefault("5s")
    String settleCheckInterval();
}
