package io.topline.chassis.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The consumers' convention: a failure of the service is retried with exponential backoff, a record that breaks a
 * rule ({@link RejectedRecordException}, or not JSON at all) is not; what still fails goes to the channel's
 * dead-letter topic with the reason in its headers. A consumer method applies it with
 * {@code @ApplyGuard(ConsumerRetry.GUARD)} and its channel sets {@code failure-strategy=dead-letter-queue}.
 */
@ApplicationScoped
public class ConsumerRetry {

    /** The identifier of the guard, for {@code @ApplyGuard}. */
    public static final String GUARD = "topline-consumer-retry";

    @Produces
    @Singleton
    @Identifier(GUARD)
    Guard guard(ConsumerRetryConfig config) {
        return Guard.create()
                .withRetry()
                .maxRetries(config.maxRetries())
                .delay(config.delay().toMillis(), ChronoUnit.MILLIS)
                .jitter(config.jitter().toMillis(), ChronoUnit.MILLIS)
                // the retries end by their number, not by a clock: every pause at its longest still fits
                .maxDuration((config.maxRetries() + 1L) * (config.maxDelay().toMillis() + config.jitter().toMillis()),
                        ChronoUnit.MILLIS)
                .abortOn(List.of(RejectedRecordException.class, JsonProcessingException.class))
                .withExponentialBackoff().maxDelay(config.maxDelay().toMillis(), ChronoUnit.MILLIS).done()
                .done()
                .build();
    }
}
