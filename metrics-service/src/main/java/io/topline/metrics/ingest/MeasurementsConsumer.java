package io.topline.metrics.ingest;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Feeds {@code topline.measurements} into ingestion; a failure sends the record to the dead-letter topic. */
@ApplicationScoped
public class MeasurementsConsumer {

    private final KafkaIngestHandler handler;

    public MeasurementsConsumer(KafkaIngestHandler handler) {
        this.handler = handler;
    }

    @Incoming("measurements")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        handler.handle(record.value());
    }
}
