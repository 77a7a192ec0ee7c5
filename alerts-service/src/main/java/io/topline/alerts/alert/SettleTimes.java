package io.topline.alerts.alert;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The settle time of each measure: the configured default, unless an operator (or a test) set one for a measure.
 */
@ApplicationScoped
public class SettleTimes {

    private final AlertConfig config;
    private final Map<String, Duration> overrides = new ConcurrentHashMap<>();

    public SettleTimes(AlertConfig config) {
        this.config = config;
    }

    public Duration forMeasure(String measureKey) {
        return overrides.getOrDefault(measureKey, config.settleTime());
    }

    /** Sets the settle time of one measure, for example a noisy one that should hold longer before it fires. */
    public void override(String measureKey, Duration settleTime) {
        overrides.put(measureKey, settleTime);
    }
}
