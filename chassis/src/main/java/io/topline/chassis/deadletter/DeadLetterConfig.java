package io.topline.chassis.deadletter;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * The dead-letter admin resource of a service with consumers. The resource itself is switched on at build time by
 * {@code topline.dead-letters.enabled=true}; the dead-letter topics are the channels' own
 * ({@code mp.messaging.incoming.<channel>.dead-letter-queue.topic}).
 */
@ConfigMapping(prefix = "topline.dead-letters")
public interface DeadLetterConfig {

    /** Whether the service serves {@link DeadLetterResource} (read at build time, by {@code @IfBuildProperty}). */
    @WithDefault("false")
    boolean enabled();

    /** The service's segment of {@code /dead-letters/<name>} (unique per service, so that one ingress routes by prefix). */
    Optional<String> pathName();

    /** How many characters of a record's value a listing shows. */
    @WithDefault("500")
    int previewChars();

    /** The most records one listing or re-drive reads from the dead-letter topics (a bound on a huge topic). */
    @WithDefault("100000")
    int maxRecords();

    /** How long reading the dead-letter topics, or one re-drive's send, may take. */
    @WithDefault("15s")
    Duration timeout();
}
