package io.topline.drivers;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;


/** Settings of the definitions: the focus rule (the calendar is the chassis's {@code topline.calendar}). */
@ConfigMapping(prefix = "topline.definitions")
public interface DefinitionsConfig {

    /** Most active measures one driver may have (the "one or two measures" focus rule). */
    @WithDefault("2")
    int maxActiveMeasuresPerDriver();
}
