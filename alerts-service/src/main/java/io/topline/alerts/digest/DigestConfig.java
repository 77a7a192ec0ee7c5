package io.topline.alerts.digest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Scheduled digests: how often their schedules are checked and how long their lists may be. */
@ConfigMapping(prefix = "topline.digests")
public interface DigestConfig {

    /**
     * How often digest schedules are checked; a digest goes out within this much of its time (cron expressions name
     * minutes). {@code off} stops the job (the tests send digests themselves).
     */
    @WithDefault("1m")
    String checkInterval();

    /** Most measures and alerts each list of a digest names; the counts still cover all of them. */
    @WithDefault("50")
    int maxItems();
}
