package io.topline.drivers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.topline.drivers.outbox.Outbox;
import io.topline.drivers.outbox.OutboxEvent;
import io.topline.testinfra.ToplineInfrastructure;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class OutboxRelayTest {

    @Inject
    Outbox outbox;

    @Test
    void shouldPublishCommittedEventAsStructuredCloudEventOverTheBroker() throws Exception {
        String key = "roundtrip:" + UUID.randomUUID();
        Instant occurredAt = Instant.parse("2026-11-26T10:15:30Z");
        OutboxEvent written = QuarkusTransaction.requiringNew().call(() -> outbox.append("topline.test.roundtrip", key,
                "roundtrip", Map.of("value", new BigDecimal("95.125"), "name", "round trip"), occurredAt));

        ConsumerRecord<String, String> record = readRecordWithKey("topline.definitions", key);

        assertEquals("application/cloudevents+json; charset=UTF-8",
                new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8));
        JsonNode event = new ObjectMapper().readTree(record.value());
        assertEquals("1.0", event.get("specversion").asText());
        assertEquals(written.eventId().toString(), event.get("id").asText());
        assertEquals("/topline/drivers-service", event.get("source").asText());
        assertEquals("topline.test.roundtrip", event.get("type").asText());
        assertEquals("roundtrip", event.get("subject").asText());
        assertEquals(occurredAt, Instant.parse(event.get("time").asText()));
        assertEquals(new BigDecimal("95.125"), event.get("data").get("value").decimalValue());
        assertEquals("round trip", event.get("data").get("name").asText());
    }

    static ConsumerRecord<String, String> readRecordWithKey(String topic, String key) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ToplineInfrastructure.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        assertNotNull(record.value());
                        return record;
                    }
                }
            }
        }
        return fail("No record with key " + key + " on " + topic + " within 30 s");
    }
}
