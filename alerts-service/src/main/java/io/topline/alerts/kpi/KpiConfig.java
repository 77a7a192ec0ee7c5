package io.topline.alerts.kpi;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the KPI gauges on the metrics endpoint follow the scorecard. */
@ConfigMapping(prefix = "topline.kpi")
public interface KpiConfig {

    /**
     * How often the KPI snapshot is read again from the database ("off" disables it). A scrape only reads the last
     * snapshot, so its cost does not depend on this; the gauges are at most this old (see topline_kpi_snapshot_age).
     */
    @WithDefault("15s")
    String refreshInterval();
}
