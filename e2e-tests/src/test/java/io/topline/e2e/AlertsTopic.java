package io.topline.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.topline.testinfra.EventContracts;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A plain Kafka consumer of {@code topline.alerts} that checks every record against its event contract. */
public final class AlertsTopic implements AutoCloseable {

    public static final String TOPIC = "topline.alerts";

    /** One record: its key, the whole CloudEvent, and when this consumer saw it. */
    public record Received(String key, JsonNode event, long receivedNanos) {

        public JsonNode data() {
            return event.get("data");
        }
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<String> contractViolations = new CopyOnWriteArrayList<>();
    private final Thread poller;
    private final Consumer<Received> listener;
    private volatile boolean running = true;

    private AlertsTopic(boolean fromBeginning, Consumer<Received> listener) {
        this.listener = listener;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Suite.kafkaBootstrap());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props);
        // assigned rather than subscribed: no group rebalance delays the first record
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : consumer.partitionsFor(TOPIC, Duration.ofSeconds(30))) {
            partitions.add(new TopicPartition(TOPIC, info.partition()));
        }
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
        }
        poller = new Thread(() -> poll(consumer), "alerts-topic-consumer");
        poller.setDaemon(true);
        poller.start();
    }

    /** Reads the topic from its beginning. */
    public static AlertsTopic fromBeginning() {
        return new AlertsTopic(true, r -> { });
    }

    /** Reads only what is published from now on, handing each record to {@code listener} as it arrives. */
    public static AlertsTopic fromNow(Consumer<Received> listener) {
        return new AlertsTopic(false, listener);
    }

    private void poll(KafkaConsumer<String, String> consumer) {
        try (consumer) {
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    try {
                        Received r = new Received(record.key(), EventContracts.assertValid(record.value()), now);
                        received.add(r);
                        listener.accept(r);
                    } catch (AssertionError e) {
                        contractViolations.add(e.getMessage());
                    }
                }
            }
        }
    }

    /** Every valid record so far, in arrival order. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The records about the given measures. */
    public List<Received> about(List<String> measures) {
        return received.stream().filter(r -> measures.contains(r.data().path("measure").path("key").asText())).toList();
    }

    /** Every record that broke its contract (the tests expect none). */
    public List<String> contractViolations() {
        return List.copyOf(contractViolations);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.join(5000);
    }
}
