package io.topline.alerts.receiver;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Receivers: where their links point, PagerDuty's default address and how Alertmanagers are kept informed. */
@ConfigMapping(prefix = "topline.receivers")
public interface ReceiverConfig {

    /**
     * The console's address as people reach it: every message links back to the alert there
     * ({@code <base>/console/inbox/<id>}, a measure {@code <base>/console/measures/<key>}), so that the reader goes from the notification to the handling in one click.
     */
    @WithDefault("http://127.0.0.1:8080")
    String consoleBaseUrl();

    /** Where PagerDuty events go when a PAGERDUTY subscription names no URL of its own: the public Events API v2. */
    @WithDefault("https://events.pagerduty.com/v2/enqueue")
    String pagerdutyEventsUrl();

    /**
     * How often open alerts are sent again to ALERTMANAGER subscriptions: Alertmanager resolves an alert it has not
     * heard of for its {@code resolve_timeout} (5 minutes by default), so an active alert must be re-sent well within
     * it; {@code off} stops the job (the tests run it themselves).
     */
    @WithDefault("1m")
    String alertmanagerResendInterval();

    /** The address e-mails come from. */
    @WithDefault("Topline <topline@localhost>")
    String mailFrom();
}
