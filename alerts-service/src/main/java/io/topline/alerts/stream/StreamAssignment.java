package io.topline.alerts.stream;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Knows when the stream's consumer has its partitions and where it is in each. The stream's group commits nothing
 * (a fresh group per process), so a partition handed back after a rebalance, or after the broker restarted and the
 * group was formed again, would start at the end and skip whatever was published meanwhile (the outbox publishes its
 * backlog the moment the broker returns); the listener seeks such a partition back to the record after the last one
 * the stream took, and the stream skips a record it already took.
 */
@ApplicationScoped
@Identifier("alert-stream")
public class StreamAssignment implements KafkaConsumerRebalanceListener {

    private final Map<TopicPartition, Long> next = new ConcurrentHashMap<>();
    private volatile boolean live;

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            Long resume = next.get(partition);
            if (resume != null) {
                consumer.seek(partition, resume);
            } else {
                // a partition new to this process starts at the end; asking for the position fixes that end now
                // rather than at the next fetch
                next.put(partition, consumer.position(partition));
            }
        }
        live = live || !partitions.isEmpty();
    }

    /**
     * Whether the record at {@code offset} of {@code partition} is new to the stream, and if so notes it as taken: a
     * record read again after a seek back is not.
     */
    boolean take(TopicPartition partition, long offset) {
        Long expected = next.get(partition);
        if (expected != null && offset < expected) {
            return false;
        }
        next.put(partition, offset + 1);
        return true;
    }

    /** Whether the stream reads topline.alerts yet. */
    public boolean live() {
        return live;
    }
}
