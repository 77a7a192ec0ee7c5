package io.topline.console.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;

/** Where the console finds the three APIs it serves to the browser and renders its pages from. */
@ConfigMapping(prefix = "topline.console.services")
public interface ServicesConfig {

    /** Base URL of drivers-service (drivers, measures, targets, the flow); the local stack's port by default. */
    @WithDefault("http://127.0.0.1:8081")
    URI drivers();

    /** Base URL of metrics-service (measurements, actuals); the local stack's port by default. */
    @WithDefault("http://127.0.0.1:8082")
    URI metrics();

    /** Base URL of alerts-service (scorecard, evaluations, alerts, silences); the local stack's port by default. */
    @WithDefault("http://127.0.0.1:8083")
    URI alerts();

    /**
     * How long one call to an API may take before the console answers 504: longer than the services' own 30 s
     * statement timeout would only keep a browser waiting for an answer the service gives up on anyway.
     */
    @WithDefault("30s")
    Duration timeout();

    /**
     * How long the live alert stream may stay silent before the console closes it: alerts-service sends a keep-alive
     * comment every 15 s, so a minute of silence means the upstream connection is gone and the browser should
     * reconnect (EventSource does so by itself, with Last-Event-ID).
     */
    @WithDefault("60s")
    Duration streamIdleTimeout();
}
