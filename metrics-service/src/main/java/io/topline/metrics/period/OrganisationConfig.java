package io.topline.metrics.period;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.ZoneId;

/** Settings of the organisation whose calendar periods the service uses. */
@ConfigMapping(prefix = "topline.organisation")
public interface OrganisationConfig {

    /** Time zone in which weeks, months and quarters begin and end. */
    @WithDefault("UTC")
    ZoneId timeZone();
}
