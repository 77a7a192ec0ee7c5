package io.topline.alerts.kpi;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.util.UUID;

/** Counts webhook delivery attempts by subscription, receiver (the URL's host) and outcome. */
@ApplicationScoped
public class WebhookOutcomeCounter {

    private final MeterRegistry registry;

    public WebhookOutcomeCounter(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Counts one attempt.
     *
     * @param outcome what the attempt came to: SUCCEEDED, RETRY, GONE, REFUSED, ABORTED or EXHAUSTED
     */
    public void attempted(UUID subscription, String url, String outcome) {
        Counter.builder("topline.webhook.attempts")
                .description("Webhook delivery attempts by subscription, receiver host and outcome")
                .tags("subscription", subscription.toString(), "receiver", receiverOf(url), "outcome", outcome)
                .register(registry)
                .increment();
    }

    /** The host and port only: the path and query may carry a receiver's token, and never belong in a label. */
    static String receiverOf(String url) {
        if (url == null) {
            // an e-mail receiver has recipients, not a URL
            return "smtp";
        }
        try {
            URI uri = URI.create(url);
            String host = uri.getHost() == null ? "unknown" : uri.getHost();
            return uri.getPort() < 0 ? host : host + ":" + uri.getPort();
        } catch (IllegalArgumentException e) {
            return "unknown";
        }
    }
}
