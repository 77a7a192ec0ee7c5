package io.topline.alerts.deadletter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.topline.alerts.TestData;
import io.topline.alerts.period.Cadence;
import io.topline.chassis.time.SettableClock;
import io.topline.testinfra.EventContracts;
import io.topline.testinfra.RequestAs;
import io.topline.testinfra.ToplineInfrastructure;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The dead letters of the actuals consumer over the real broker: listed with their reason, re-driven and applied. */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class DeadLetterResourceTest {

    private static final String DLQ = "topline.actuals.alerts-service.dlq";
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    @Inject
    SettableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void shouldListAPoisonActualWithTheReasonTheConsumerGaveUp() {
        String key = TestData.key("dlq-poison");
        TestData.publishRaw("topline.actuals", key, "{\"specversion\": \"1.0\", \"data\": ");

        Map<String, Object> dead = awaitDeadLetter(key);
        assertEquals(DLQ, dead.get("topic"));
        assertEquals("topline.actuals", dead.get("originalTopic"));
        assertEquals("{\"specversion\": \"1.0\", \"data\": ", dead.get("valuePreview"));
        assertNotNull(dead.get("reason"), "the reason travels with the record");
        assertNotNull(dead.get("originalOffset"));
    }

    @Test
    void shouldApplyAnActualThatFailedForATransientReasonOnceReDriven() throws Exception {
        clock.pin(NOW);
        String driver = TestData.key("service");
        String key = TestData.key("dlq-transient");
        TestData.publishDriver(driver, "Service", "SERVICE", 1);
        TestData.publishMeasure(key, driver, "Client retention", "PERCENT", "LAST", "HIGHER_IS_BETTER",
                Cadence.MONTHLY, 1, TestData.target(1, "2026-10", "95", "90", "CRITICAL",
                        Instant.parse("2026-09-20T08:00:00Z")));
        // what the consumer writes when its retries ran out on a failure of its own (the database was away)
        long offset = deadLetterAsTheConsumerWritesIt(key, actual(key, "2026-10", "97"),
                "java.sql.SQLTransientConnectionException: connection refused");

        Map<String, Object> ref = Map.of("topic", DLQ, "partition", 0, "offset", (int) offset);
        RequestAs.admin().contentType(ContentType.JSON).body(ref)
                .when().post("/dead-letters/alerts/redrive")
                .then().statusCode(200)
                .body("redriven", equalTo(List.of(ref)))
                .body("alreadyRedriven", hasSize(0));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> RequestAs.viewer()
                .queryParam("measure", key).queryParam("period", "2026-10").when().get("/evaluations")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].status", equalTo("MET")));
        assertNotNull(awaitDeadLetter(key).get("redrivenAt"), "the listing shows the re-drive");
        RequestAs.admin().contentType(ContentType.JSON).body(ref).when().post("/dead-letters/alerts/redrive")
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void shouldKeepTheAlertsDeadLettersToAdminsUnderTheirOwnPrefix() {
        RequestAs.oncall().when().get("/dead-letters/alerts").then().statusCode(403);
        RequestAs.admin().when().get("/dead-letters/metrics").then().statusCode(404)
                .contentType("application/problem+json");
        RequestAs.admin().queryParam("topic", "topline.measurements.dlq").when().get("/dead-letters/alerts")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("topic"));
    }

    private static String actual(String measure, String period, String value) {
        ObjectNode event = (ObjectNode) EventContracts.example("topline.actual.updated").deepCopy();
        event.put("id", UUID.randomUUID().toString());
        event.put("subject", measure + ":" + period);
        ObjectNode data = (ObjectNode) event.get("data");
        BigDecimal amount = new BigDecimal(value);
        data.put("measure", measure);
        data.put("period", period);
        data.put("periodStart", "2026-10-01T00:00:00Z");
        data.put("periodEnd", "2026-11-01T00:00:00Z");
        data.put("value", amount);
        data.put("count", 1);
        data.put("sum", amount);
        data.put("min", amount);
        data.put("max", amount);
        data.put("last", amount);
        data.put("lastOccurredAt", "2026-10-15T10:00:00Z");
        data.put("revision", 1);
        EventContracts.assertValid("topline.actual.updated", event);
        return event.toString();
    }

    /** Writes a dead letter with SmallRye's headers to partition 0 of the dead-letter topic; returns its offset. */
    private static long deadLetterAsTheConsumerWritesIt(String key, String value, String reason) throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>(DLQ, 0, key, value);
        header(record, "content-type", "application/cloudevents+json; charset=UTF-8");
        header(record, "dead-letter-reason", reason);
        header(record, "dead-letter-topic", "topline.actuals");
        header(record, "dead-letter-partition", "0");
        header(record, "dead-letter-offset", "0");
        Map<String, Object> settings = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ToplineInfrastructure.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer())) {
            RecordMetadata written = producer.send(record).get();
            return written.offset();
        }
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> awaitDeadLetter(String key) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> RequestAs.admin()
                .queryParam("topic", DLQ).queryParam("size", 100)
                .when().get("/dead-letters/alerts")
                .then().statusCode(200)
                .extract().jsonPath().<Map<String, Object>>getList("items").stream()
                .filter(item -> key.equals(item.get("key")))
                .findFirst().orElse(null), found -> found != null);
    }
}
