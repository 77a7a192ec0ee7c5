package io.topline.alerts.heartbeat;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How often measures with a heartbeat are checked for a silent source. */
@ConfigMapping(prefix = "topline.heartbeats")
public interface HeartbeatConfig {

    /**
     * How often the heartbeat measures are checked ("off" disables it): a STALE alert fires at most this late after
     * the source fell silent past its heartbeat, so keep it well below the shortest heartbeat (PT5M).
     */
    @WithDefault("1m")
    String checkInterval();
}
