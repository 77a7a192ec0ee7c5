package io.topline.metrics.ingestkey;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How long a verified ingest key is trusted without asking the database again. */
@ConfigMapping(prefix = "topline.ingest-keys")
public interface IngestKeyConfig {

    /**
     * How long a key, once found valid, is reused without a database lookup: a system posting measurement after
     * measurement pays for one lookup per key and second, not one per request. It is also how long a revocation may
     * take to reach the other replicas (the one that revoked forgets the key at once), and how fresh
     * {@code lastUsedAt} is: a second keeps a revoked key out everywhere at once for any purpose but a race.
     */
    @WithDefault("1s")
    Duration cacheMaxAge();
}
