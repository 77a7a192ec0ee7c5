package io.topline.alerts.stream;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;

/** Knows when the stream's consumer has its partitions, from which moment every transition reaches the stream. */
@ApplicationScoped
@Identifier("alert-stream")
public class StreamAssignment implements KafkaConsumerRebalanceListener {

    private volatile boolean live;

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        // the consumer starts at the end; asking for the positions fixes that end now rather than at the next fetch
        partitions.forEach(consumer::position);
        live = live || !partitions.isEmpty();
    }

    /** Whether the stream reads topline.alerts yet. */
    public boolean live() {
        return live;
    }
}
