package io.topline.alerts;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.topline.alerts.period.Cadence;
import io.topline.chassis.time.SettableClock;
import io.topline.testinfra.ToplineInfrastructure;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class ConsumerFailureTest {

    @Inject
    SettableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void shouldDeadLetterAPoisonActualAndKeepConsumingTheRecordsBehindIt() {
        clock.pin(EvaluationAlertTest.NOW);
        String driver = TestData.key("service");
        String key = TestData.key("retention-poison");
        TestData.publishDriver(driver, "Service", "SERVICE", 1);
        TestData.publishMeasure(key, driver, "Client retention", "PERCENT", "LAST", "HIGHER_IS_BETTER",
                Cadence.MONTHLY, 1, TestData.target(1, "2026-10", "95", "90", "CRITICAL",
                        java.time.Instant.parse("2026-09-20T08:00:00Z")));
        // same key, so same partition: the good record behind the poison one must still be applied
        TestData.publishRaw("topline.actuals", key, "{\"specversion\": \"1.0\", \"data\": ");
        TestData.publishActual(key, Cadence.MONTHLY, "LAST", "2026-10", "97", 1);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> EvaluationAlertTest.evaluation(key, "2026-10")
                .body("items[0].status", equalTo("MET")));
        ConsumerRecord<String, String> dead = deadLetterWithKey(key);
        assertEquals("{\"specversion\": \"1.0\", \"data\": ", dead.value());
        assertNotNull(dead.headers().lastHeader("dead-letter-reason"), "the reason travels with the record");
        assertEquals("topline.actuals",
                new String(dead.headers().lastHeader("dead-letter-topic").value(), StandardCharsets.UTF_8));
    }

    private static ConsumerRecord<String, String> deadLetterWithKey(String key) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ToplineInfrastructure.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of("topline.actuals.alerts-service.dlq"));
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                    if (key.equals(record.key())) {
                        return record;
                    }
                }
            }
        }
        return fail("No dead letter with key " + key);
    }
}
