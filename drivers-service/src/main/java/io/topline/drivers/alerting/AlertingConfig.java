package io.topline.drivers.alerting;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;

/** Where alerts-service is: drivers-service forwards an organisation file's alerting sections and asks for backtests. */
@ConfigMapping(prefix = "topline.alerting")
public interface AlertingConfig {

    /**
     * alerts-service's base URL (TOPLINE_ALERTING_URL); the local stack's port by default, behind an ingress its
     * service address.
     */
    @WithDefault("http://127.0.0.1:8083")
    URI url();

    /** How long to wait for a connection: an alerts-service that is away is reported quickly, as a 503. */
    @WithDefault("PT3S")
    Duration connectTimeout();

    /**
     * How long to wait for an answer: an apply of many receivers takes a few seconds, and the organisation lock is
     * held meanwhile, so this stays bounded.
     */
    @WithDefault("PT30S")
    Duration readTimeout();
}
