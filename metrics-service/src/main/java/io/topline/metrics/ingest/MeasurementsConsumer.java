package io.topline.metrics.ingest;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.faulttolerance.api.ApplyGuard;
import io.topline.chassis.messaging.ConsumerRetry;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds {@code topline.measurements} into ingestion; a rejected record goes to the dead-letter topic at once, a
 * failure of the service after the retries of the consumer convention.
 */
@ApplicationScoped
public class MeasurementsConsumer {

    private final KafkaIngestHandler handler;

    public MeasurementsConsumer(KafkaIngestHandler handler) {
        this.handler = handler;
    }

    @Incoming("measurements")
    @Blocking
    @ApplyGuard(ConsumerRetry.GUARD)
    public void consume(ConsumerRecord<String, String> record) {
        handler.handle(record.value());
    }
}
