package io.topline.chassis.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the retention jobs delete: how often, how many rows per transaction, and how gently. */
@ConfigMapping(prefix = "topline.purge")
public interface PurgeConfig {

    /** How often a service's retention job runs: a duration such as {@code 1h}, or {@code off}. */
    @WithDefault("1h")
    String every();

    /** Most rows one transaction deletes; each batch holds its row locks only for its own short transaction. */
    @WithDefault("5000")
    int batchSize();

    /** Pause between two batches, so that a long purge leaves the database to ingestion most of the time. */
    @WithDefault("50ms")
    Duration pause();

    /** Most batches of one rule in one run; the next run goes on where this one stopped. */
    @WithDefault("1000")
    int maxBatches();
}
