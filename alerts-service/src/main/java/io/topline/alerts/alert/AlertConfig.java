package io.topline.alerts.alert;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * When alerts fire: the settle time a red condition must hold first, how often held conditions are checked, how
 * often unacknowledged firings are told again, and how long an acknowledgement lasts.
 */
@ConfigMapping(prefix = "topline.alerts")
public interface AlertConfig {

    /** Time a red condition must hold before its alert fires (like Prometheus {@code for}); 0 fires at once. */
    @WithDefault("0s")
    Duration settleTime();

    /** How often conditions waiting out their settle time are checked ("off" disables it). */
    @WithDefault("5s")
    String settleCheckInterval();

    /**
     * How often firings nobody acknowledged are checked against their subscriptions' repeat intervals ("off" disables
     * it); a repeat goes out at most this late.
     */
    @WithDefault("30s")
    String renotifyInterval();

    /**
     * How long an acknowledged alert may stay unresolved before it fires again, notified as a new firing (like
     * PagerDuty's acknowledgement timeout): taking an alert on is a promise to act, not a way to mute it. A week-long
     * default suits numbers judged weekly or monthly; "off" keeps acknowledgements for good.
     */
    @WithDefault("P7D")
    String acknowledgeTimeout();
}
