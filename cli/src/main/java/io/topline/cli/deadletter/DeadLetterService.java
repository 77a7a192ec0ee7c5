package io.topline.cli.deadletter;

import io.topline.cli.SuiteOptions;

import java.net.URI;
import java.util.Locale;

/** The services that keep dead letters, each under its own path prefix. */
public enum DeadLetterService {
    METRICS, ALERTS;

    /** The base URL of the service. */
    URI url(SuiteOptions suite) {
        return this == METRICS ? suite.metricsUrl() : suite.alertsUrl();
    }

    /** {@code /dead-letters/metrics} or {@code /dead-letters/alerts}. */
    String path() {
        return "/dead-letters/" + name().toLowerCase(Locale.ROOT);
    }
}
