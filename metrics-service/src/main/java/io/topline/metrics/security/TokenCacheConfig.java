package io.topline.metrics.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Bounds of the cache of verified bearer tokens (see VerifiedTokenCache). */
@ConfigMapping(prefix = "topline.security.token-cache")
public interface TokenCacheConfig {

    /** Most verified tokens remembered at once; once full, a new token is verified on every request until some expire. */
    @WithDefault("10000")
    int maxEntries();

    /** Longest time one verification is reused, however long the token itself lives. */
    @WithDefault("5m")
    Duration maxAge();
}
