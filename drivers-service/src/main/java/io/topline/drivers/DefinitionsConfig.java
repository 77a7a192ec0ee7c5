package io.topline.drivers;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.ZoneId;

/** Settings of the definitions: the focus rule, the organisation's calendar. */
@ConfigMapping(prefix = "topline.definitions")
public interface DefinitionsConfig {

    /** Most active measures one driver may have (the "one or two measures" focus rule). */
    @WithDefault("2")
    int maxActiveMeasuresPerDriver();

    /** Time zone of the organisation's calendar, used to tell which period is the current one. */
    @WithDefault("UTC")
    ZoneId timeZone();
}
