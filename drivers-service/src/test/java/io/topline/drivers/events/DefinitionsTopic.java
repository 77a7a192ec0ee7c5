package io.topline.drivers.events;

import io.topline.testinfra.ToplineInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

/** Reads topline.definitions with a plain Kafka consumer, the way another service would. */
final class DefinitionsTopic {

    private DefinitionsTopic() {
    }

    /**
     * Reads from the beginning until {@code expected} records of the given keys arrived (or the timeout passed), then
     * keeps reading for {@code settle} so that a duplicate arriving late would be seen too.
     */
    static List<ConsumerRecord<String, String>> read(Set<String> keys, int expected, Duration timeout, Duration settle) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ToplineInfrastructure.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "drivers-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of("topline.definitions"));
            long deadline = System.currentTimeMillis() + timeout.toMillis();
            long settleUntil = Long.MAX_VALUE;
            while (System.currentTimeMillis() < Math.min(deadline, settleUntil)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                    if (keys.contains(record.key())) {
                        found.add(record);
                    }
                }
                if (found.size() >= expected && settleUntil == Long.MAX_VALUE) {
                    settleUntil = System.currentTimeMillis() + settle.toMillis();
                }
            }
        }
        return found;
    }

    /** The records of one key, in the order the topic holds them (one key lives in one partition). */
    static List<ConsumerRecord<String, String>> of(List<ConsumerRecord<String, String>> records, String key) {
        return records.stream().filter(r -> r.key().equals(key)).toList();
    }

    static String contentType(ConsumerRecord<String, String> record) {
        return new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8);
    }
}
