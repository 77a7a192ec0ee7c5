package io.topline.alerts.delivery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Webhook delivery: server-side request forgery guard, timeouts and the retry policy. */
@ConfigMapping(prefix = "topline.webhooks")
public interface WebhookConfig {

    /**
     * Whether subscription URLs may point at private, loopback or link-local addresses. Refused by default because
     * a subscriber could otherwise make this service call internal systems; local runs and tests allow it.
     */
    @WithDefault("false")
    boolean allowPrivateTargets();

    /**
     * Base64-encoded 256-bit AES key that encrypts webhook secrets at rest (env
     * {@code TOPLINE_WEBHOOKS_SECRET_ENCRYPTION_KEY}). No default: the service refuses to start without one, except in
     * the test and local profiles, which carry a fixed development key.
     */
    Optional<String> secretEncryptionKey();

    /** Time a subscriber has to answer one attempt. */
    @WithDefault("10s")
    Duration timeout();

    /** How often the worker looks for due deliveries when no commit woke it. */
    @WithDefault("1s")
    Duration pollInterval();

    /** Retry policy for 5xx, 408, 429 and timeouts. */
    Retry retry();

    /** Exponential backoff with jitter, honouring {@code Retry-After}. */
    interface Retry {

        /** Attempts in all, the first included, before a delivery is given up. */
        @WithDefault("8")
        int maxAttempts();

        /** Pause before the second attempt; each later pause doubles. */
        @WithDefault("5s")
        Duration initialBackoff();

        /** Longest pause between attempts, also the cap for a subscriber's {@code Retry-After}. */
        @WithDefault("1h")
        Duration maxBackoff();

        /** Random share (0 to 1) added to or taken from each pause, so that retries of many deliveries spread out. */
        @WithDefault("0.2")
        double jitter();
    }
}
