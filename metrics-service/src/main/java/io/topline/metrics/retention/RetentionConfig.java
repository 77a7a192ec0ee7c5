package io.topline.metrics.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How long metrics-service keeps what it may forget (actuals are kept for ever). */
@ConfigMapping(prefix = "topline.retention")
public interface RetentionConfig {

    /**
     * How long a raw measurement is kept after it was received (default 800 days). Raw measurements feed the actuals
     * only at ingest and serve {@code GET /measurements} and duplicate detection by client id afterwards, so this
     * must exceed the ingest horizon: a client id re-sent within the horizon must still be found.
     */
    @WithDefault("P800D")
    Duration measurements();
}
