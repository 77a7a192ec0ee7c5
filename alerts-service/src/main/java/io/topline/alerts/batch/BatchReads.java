package io.topline.alerts.batch;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.function.Supplier;

/**
 * Reads that a transaction judging many measures at once (the closing job's batch) makes once instead of once per
 * alert: the silences in force, the active subscriptions, the drivers. Opt-in: a transaction that did not
 * {@link #share()} reads afresh every time, as before.
 */
// At 10,000 measures a month's close fires thousands of alerts in batches of a hundred measures; each firing read the
// same three lists again, and the reads (and the flushes before them) were most of the batch's time. Nothing in a
// closing batch changes them, which is why only the batch shares them.
@ApplicationScoped
public class BatchReads {

    private final SharedReads shared;

    public BatchReads(SharedReads shared) {
        this.shared = shared;
    }

    /** From now until the current transaction ends, each read named by a key is made once. */
    public void share() {
        shared.enable();
    }

    /** The value read under {@code key} in this transaction if it shares its reads, else {@code read} now. */
    public <T> T get(Object key, Supplier<T> read) {
        if (!QuarkusTransaction.isActive() || !shared.enabled()) {
            return read.get();
        }
        return shared.get(key, read);
    }
}
