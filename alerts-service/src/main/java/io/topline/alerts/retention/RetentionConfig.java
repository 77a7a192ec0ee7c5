package io.topline.alerts.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How long alerts-service keeps what it may forget (alerts and evaluations are kept for ever). */
@ConfigMapping(prefix = "topline.retention")
public interface RetentionConfig {

    /**
     * How long a finished webhook delivery and its attempts ({@code GET /subscriptions/{id}/deliveries}) are kept after
     * the delivery finished (default 90 days); one still being retried is never deleted.
     */
    @WithDefault("P90D")
    Duration webhookDeliveries();
}
