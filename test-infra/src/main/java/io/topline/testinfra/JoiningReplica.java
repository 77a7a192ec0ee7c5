package io.topline.testinfra;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Plays a replica that (re)starts and joins a service's consumer group while the service under test holds every
 * partition: how long until the group hands it partitions is how long a restarted replica waits before it consumes.
 * It commits nothing, so the service resumes from its own offsets when the joiner leaves.
 */
public final class JoiningReplica {

    private JoiningReplica() {
    }

    /**
     * Joins each group (key) on its topic (value) in turn and fails unless every one hands the joiner a partition
     * within {@code bound}; prints each time, for the closing figures.
     */
    public static void assertPartitionsWithin(Map<String, String> topicOfGroup, Duration bound) {
        topicOfGroup.forEach((group, topic) -> {
            Duration waited = timeToFirstPartition(group, topic, bound.multipliedBy(6));
            System.out.printf("Consumer rejoin: group %s handed a joining replica a partition of %s in %d ms%n",
                    group, topic, waited.toMillis());
            if (waited.compareTo(bound) >= 0) {
                throw new AssertionError(group + " took " + waited + " to hand a joining replica a partition");
            }
        });
    }

    /** Joins {@code groupId} on {@code topic} and returns how long the group took to assign it a partition. */
    public static Duration timeToFirstPartition(String groupId, String topic, Duration atMost) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ToplineInfrastructure.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "1000");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        long[] assignedAt = {0};
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            long joining = System.nanoTime();
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    if (!partitions.isEmpty() && assignedAt[0] == 0) {
                        assignedAt[0] = System.nanoTime();
                    }
                }
            });
            while (assignedAt[0] == 0 && System.nanoTime() - joining < atMost.toNanos()) {
                consumer.poll(Duration.ofMillis(100));
            }
            if (assignedAt[0] == 0) {
                throw new AssertionError("group " + groupId + " assigned no partition of " + topic + " within " + atMost);
            }
            return Duration.ofNanos(assignedAt[0] - joining);
        }
    }
}
