package io.topline.chassis.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.topline.testinfra.ToplineInfrastructure;
import jakarta.inject.Inject;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The outbox relay over the real database and broker: the CloudEvent it writes, and a broker outage. */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class OutboxRelayTest {

    private static final String TOPIC = "topline.chassis-test";

    @Inject
    Outbox outbox;

    @Test
    void shouldPublishCommittedEventAsStructuredCloudEventOverTheBroker() throws Exception {
        String key = "roundtrip:" + UUID.randomUUID();
        Instant occurredAt = Instant.parse("2026-11-26T10:15:30Z");
        OutboxEvent written = QuarkusTransaction.requiringNew().call(() -> outbox.append("topline.test.roundtrip", key,
                "roundtrip", Map.of("value", new BigDecimal("95.125"), "name", "round trip"), occurredAt));

        ConsumerRecord<String, String> record = read(key, 1, Duration.ofSeconds(30)).get(0);

        assertEquals("application/cloudevents+json; charset=UTF-8",
                new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8));
        JsonNode event = new ObjectMapper().readTree(record.value());
        assertEquals("1.0", event.get("specversion").asText());
        assertEquals(written.eventId().toString(), event.get("id").asText());
        assertEquals("/topline/chassis-test", event.get("source").asText());
        assertEquals("topline.test.roundtrip", event.get("type").asText());
        assertEquals("roundtrip", event.get("subject").asText());
        assertEquals(occurredAt, Instant.parse(event.get("time").asText()));
        assertEquals(new BigDecimal("95.125"), event.get("data").get("value").decimalValue());
        assertEquals("round trip", event.get("data").get("name").asText());
    }

    @Test
    void shouldKeepEventsThroughABrokerOutageAndPublishEachOnceInOrderAfterwards() throws Exception {
        String warmUp = "warm-up:" + UUID.randomUUID();
        append(warmUp, 0);
        read(warmUp, 1, Duration.ofSeconds(30));

        String key = "outage:" + UUID.randomUUID();
        BrokerServer broker = ToplineInfrastructure.kafka().brokers().values().iterator().next();
        broker.shutdown();
        broker.awaitShutdown();
        try {
            for (int i = 1; i <= 20; i++) {
                append(key, i);
            }
            // longer than the producer's delivery timeout (8 s in tests): rounds fail and are retried, which is where
            // a careless relay would publish an event twice
            Thread.sleep(11_000);
            assertEquals(20, pendingRows(), "the events wait in the outbox while the broker is down");
        } finally {
            broker.startup();
            ToplineInfrastructure.kafka().waitForReadyBrokers();
        }

        List<ConsumerRecord<String, String>> records = read(key, 20, Duration.ofSeconds(90));
        List<Integer> sequence = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            sequence.add(new ObjectMapper().readTree(record.value()).get("data").get("sequence").asInt());
        }
        assertEquals(IntStream.rangeClosed(1, 20).boxed().toList(), sequence, "each event once, in commit order");
        assertEquals(0, pendingRows(), "published events leave the outbox");
    }

    private void append(String key, int sequence) {
        QuarkusTransaction.requiringNew().run(() -> outbox.append("topline.test.sequence", key, key,
                Map.of("sequence", sequence), Instant.now()));
    }

    /** Every record with {@code key}, read until {@code expected} arrived and then 3 s more, to see any duplicate. */
    private static List<ConsumerRecord<String, String>> read(String key, int expected, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ToplineInfrastructure.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + timeout.toNanos();
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        found.add(record);
                    }
                }
                if (found.size() >= expected && quietUntil == Long.MAX_VALUE) {
                    quietUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                }
            }
        }
        assertTrue(found.size() >= expected, "expected " + expected + " records with key " + key + ", got " + found.size());
        return found;
    }

    private static long pendingRows() throws Exception {
        try (Connection connection = DriverManager.getConnection(ToplineInfrastructure.jdbcUrl(), "postgres", "postgres");
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("select count(*) from outbox_event")) {
            result.next();
            return result.getLong(1);
        }
    }
}
