package io.topline.chassis.deadletter;

import io.topline.chassis.health.KafkaAdmin;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads dead-letter topics with a short-lived consumer (partitions assigned, no group, nothing committed) and sends
 * records back, byte for byte, with a short-lived idempotent producer.
 */
@ApplicationScoped
public class DeadLetterTopics {

    private final KafkaAdmin kafka;
    private final DeadLetterConfig config;

    public DeadLetterTopics(KafkaAdmin kafka, DeadLetterConfig config) {
        this.kafka = kafka;
        this.config = config;
    }

    /** Every record the topics hold now, up to the configured most, in no particular order. */
    public List<ConsumerRecord<byte[], byte[]>> readAll(List<String> topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        topics.forEach(topic -> partitions.addAll(kafka.partitions(topic)));
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            return readToEnd(consumer, consumer.endOffsets(partitions), config.maxRecords());
        }
    }

    /** The record at {@code offset} of {@code topic}'s {@code partition}, if the topic still holds it. */
    public Optional<ConsumerRecord<byte[], byte[]>> read(String topic, int partition, long offset) {
        TopicPartition place = new TopicPartition(topic, partition);
        if (!kafka.partitions(topic).contains(place)) {
            return Optional.empty();
        }
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            consumer.assign(List.of(place));
            long end = consumer.endOffsets(List.of(place)).get(place);
            if (offset >= end || offset < consumer.beginningOffsets(List.of(place)).get(place)) {
                return Optional.empty();
            }
            consumer.seek(place, offset);
            return readToEnd(consumer, Map.of(place, offset + 1), 1).stream()
                    .filter(record -> record.offset() == offset)
                    .findFirst();
        }
    }

    /** Sends {@code record} and waits for the broker's acknowledgement. */
    public void send(ProducerRecord<byte[], byte[]> record) {
        Map<String, Object> settings = kafka.settingsFor(ProducerConfig.configNames());
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "topline-dead-letter-redrive");
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) config.timeout().toMillis());
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) config.timeout().toMillis() / 2);
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, config.timeout().toMillis());
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(record).get(config.timeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the broker acknowledged the re-drive", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The broker did not acknowledge the re-drive: " + e.getMessage(), e);
        }
    }

    private List<ConsumerRecord<byte[], byte[]>> readToEnd(KafkaConsumer<byte[], byte[]> consumer,
                                                           Map<TopicPartition, Long> ends, int most) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + config.timeout().toNanos();
        while (records.size() < most && !reachedEnd(consumer, ends)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The dead-letter topics were not read within " + config.timeout());
            }
            consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                    records.add(record);
                }
            });
        }
        return records.size() > most ? records.subList(0, most) : records;
    }

    private static boolean reachedEnd(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Map<String, Object> settings = kafka.settingsFor(ConsumerConfig.configNames());
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "topline-dead-letter-reader");
        settings.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) config.timeout().toMillis());
        return new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
