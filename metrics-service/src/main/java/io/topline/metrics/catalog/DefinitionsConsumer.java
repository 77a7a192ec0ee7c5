package io.topline.metrics.catalog;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.faulttolerance.api.ApplyGuard;
import io.topline.chassis.messaging.ConsumerRetry;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds {@code topline.definitions} into the catalog; a malformed record goes to the dead-letter topic at once, a
 * failure of the service (its database away) is retried by the consumer convention first.
 */
@ApplicationScoped
public class DefinitionsConsumer {

    private final CatalogService service;

    public DefinitionsConsumer(CatalogService service) {
        this.service = service;
    }

    @Incoming("definitions")
    @Blocking
    @ApplyGuard(ConsumerRetry.GUARD)
    public void consume(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            // a tombstone on the compacted topic: a measure is never deleted, only archived
            return;
        }
        service.apply(record.value());
    }
}
