package io.topline.metrics.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.math.BigDecimal;
import java.time.Duration;

/** Rules and limits of measurement ingestion, over HTTP and Kafka alike. */
@ConfigMapping(prefix = "topline.ingest")
public interface IngestConfig {

    /** Most items one batch may hold; a larger batch is refused with 413. */
    @WithDefault("10000")
    int batchMaxItems();

    /** How far in the future {@code occurredAt} may lie, for clocks that run a little ahead. */
    @WithDefault("10m")
    Duration futureSkew();

    /** How far in the past {@code occurredAt} may lie: late data is welcome, archaeology is not (default 400 days). */
    @WithDefault("P400D")
    Duration horizon();

    /** Largest absolute value accepted; anything beyond it is a unit mistake or garbage. */
    @WithDefault("1e15")
    BigDecimal maxAbsValue();

    /** Decimal places kept; more are rounded half-even (binary fractions such as 0.1 + 0.2 arrive with 17). */
    @WithDefault("12")
    int maxScale();

    /** How long an Idempotency-Key and its response are kept (then replaced by a new request, and purged). */
    @WithDefault("24h")
    Duration idempotencyRetention();

    /**
     * Most single POSTs that share one transaction and commit (group commit); more waiting requests go in the next
     * group. Large enough that the commit, not the group size, limits a burst.
     */
    @WithDefault("512")
    int groupCommitMaxSize();

    /**
     * Writer threads (each with its own transaction at a time) that take groups of single POSTs; one suits POSTs that
     * share few measure-periods (see SingleMeasurementWriter), more suit POSTs spread over many.
     */
    @WithDefault("1")
    int groupCommitWriters();
}
