package io.topline.alerts.delivery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Webhook delivery: server-side request forgery guard, timeouts, concurrency and the retry policy. */
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

    /** Attempts in flight at once in this instance, over all subscriptions. */
    @WithDefault("50")
    int maxInFlight();

    /**
     * Attempts in flight at once in this instance to one subscription, so that a subscriber that answers slowly (or
     * not at all) holds a few slots, never all of them.
     */
    @WithDefault("4")
    int maxInFlightPerSubscription();

    /**
     * Retry policy: every non-2xx answer is retried except 410 and an answer carrying {@code webhook-abort: true};
     * so are timeouts, refused connections and names that do not resolve.
     */
    Retry retry();

    /** A fixed schedule with jitter, honouring {@code Retry-After}. */
    interface Retry {

        /**
         * The pause before each attempt, the first included; its length is the number of attempts. The default is
         * the Standard Webhooks ecosystem's (Svix): at once, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, about 27.6 h
         * in all.
         */
        @WithDefault("0s,5s,5m,30m,2h,5h,10h,10h")
        List<Duration> schedule();

        /** Random share (0 to 1) added to or taken from each retry pause, so that retries of many deliveries spread. */
        @WithDefault("0.2")
        double jitter();

        /** Longest {@code Retry-After} honoured; a longer one is cut to this. */
        @WithDefault("10h")
        Duration maxRetryAfter();
    }
}
