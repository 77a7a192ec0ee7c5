package io.topline.metrics.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.topline.metrics.catalog.MeasureCatalog;
import io.topline.metrics.catalog.MeasureInfo;
import io.topline.metrics.support.TestData;
import io.topline.testinfra.RequestAs;
import io.topline.testinfra.TopicReader;
import io.topline.testinfra.TopicRecord;
import io.topline.testinfra.ToplineInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class KafkaIngestTest {

    @Inject
    MeasureCatalog catalog;

    @Test
    void shouldDeadLetterAPoisonRecordAndIngestTheNextGoodOne() {
        String key = TestData.uniqueKey("kafka");
        TestData.defineMeasure(catalog, key, "MONTHLY", "SUM");
        Instant at = TestData.thisMonth(20);
        String poisonText = "{\"specversion\":\"1.0\",\"this is\": not json";
        String nonFinite = TestData.measurementEvent("nan-" + key, key, 1, at).toString().replace("1.0,", "NaN,");
        // a NUL PostgreSQL cannot store and a number whose rounding would take minutes: rules broken, not outages
        String nul = TestData.measurementEvent("nul-" + key, key, 1, at).toString().replace("\"nul-", "\"nul-\\u0000");
        String unbounded = TestData.measurementEvent("tiny-" + key, key, 1, at).toString().replace("1.0,", "1e-100000000,");
        TestData.send("topline.measurements", 0, key, poisonText);
        TestData.send("topline.measurements", 0, key, nonFinite);
        TestData.send("topline.measurements", 0, key, nul);
        TestData.send("topline.measurements", 0, key, unbounded);
        TestData.send("topline.measurements", 0, key, TestData.measurementEvent("good-" + key, key, 41.5, at).toString());
        // a redelivered copy of the good record counts once
        TestData.send("topline.measurements", 0, key, TestData.measurementEvent("good-" + key, key, 41.5, at).toString());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> RequestAs.viewer()
                .queryParam("measure", key).when().get("/actuals")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].count", equalTo(1))
                .body("items[0].value", equalTo(41.5f)));

        List<TopicRecord> dead;
        try (TopicReader deadLetters = TopicReader.fromBeginning("topline.measurements.dlq")) {
            dead = deadLetters.readUntil(TopicReader.keyed(key), TopicReader.atLeast(4), Duration.ofSeconds(30));
        }
        assertEquals(poisonText, dead.get(0).value());
        assertTrue(header(dead.get(0), "dead-letter-reason").startsWith("not JSON"), header(dead.get(0), "dead-letter-reason"));
        assertEquals("topline.measurements", header(dead.get(0), "dead-letter-topic"));
        assertEquals(nonFinite, dead.get(1).value());
        assertTrue(header(dead.get(1), "dead-letter-reason").contains("'data.value'"), header(dead.get(1), "dead-letter-reason"));
        assertEquals(nul, dead.get(2).value());
        assertEquals("malformed field 'data.id': contains a NUL character (U+0000), which cannot be stored",
                header(dead.get(2), "dead-letter-reason"));
        assertEquals(unbounded, dead.get(3).value());
        assertEquals("malformed field 'data.value': is a number with more than 64 digits before or after the decimal point",
                header(dead.get(3), "dead-letter-reason"));
    }

    @Test
    void shouldPublishOneActualUpdatedPerMeasurePeriodMatchingTheContract() {
        String key = TestData.uniqueKey("event");
        TestData.defineMeasure(catalog, key, "MONTHLY", "AVERAGE");
        Instant at = TestData.thisMonth(40);
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            items.add(TestData.measurement(null, key, i * 10, at.plusSeconds(i)));
        }
        RequestAs.ingest().contentType(ContentType.JSON).body(TestData.batch(items))
                .when().post("/measurements/batch").then().statusCode(200);

        List<TopicRecord> records;
        try (TopicReader actuals = TopicReader.fromBeginning("topline.actuals")) {
            // keyed by measure-period, so that compaction keeps every period's latest actual
            records = actuals.readUntil(TopicReader.keyed(key + ":" + TestData.month(at)), TopicReader.atLeast(1),
                    Duration.ofSeconds(30));
        }
        assertEquals(1, records.size());
        JsonNode event = records.get(0).event();
        assertEquals("topline.actual.updated", event.get("type").asText());
        assertEquals(key + ":" + TestData.month(at), event.get("subject").asText());
        JsonNode data = event.get("data");
        assertEquals(key, data.get("measure").asText());
        assertEquals("AVERAGE", data.get("aggregation").asText());
        assertEquals(25, data.get("value").asInt());
        assertEquals(4, data.get("count").asInt());
        assertEquals(100, data.get("sum").asInt());
        assertEquals(40, data.get("last").asInt());
        assertEquals(at.plusSeconds(4), Instant.parse(data.get("lastOccurredAt").asText()));
        assertEquals(1, data.get("revision").asInt());
    }

    @Test
    void shouldKeepTheHighestRevisionOfAMeasureDefinition() {
        String key = TestData.uniqueKey("rev");
        String marker = TestData.uniqueKey("marker");
        TestData.send("topline.definitions", 0, "measure:" + key,
                TestData.measureEvent(key, "MONTHLY", "SUM", 2, false).toString());
        TestData.send("topline.definitions", 0, "measure:" + key,
                TestData.measureEvent(key, "WEEKLY", "MAX", 1, true).toString());
        TestData.send("topline.definitions", 0, "measure:" + key,
                TestData.measureEvent(key, "WEEKLY", "MAX", 2, true).toString());
        TestData.send("topline.definitions", 0, "measure:" + marker,
                TestData.measureEvent(marker, "MONTHLY", "SUM", 1, false).toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> catalog.find(marker).isPresent());

        MeasureInfo info = catalog.find(key).orElseThrow();
        assertEquals(2, info.revision());
        assertEquals("MONTHLY", info.cadence().name());
        assertFalse(info.archived());

        TestData.send("topline.definitions", 0, "measure:" + key,
                TestData.measureEvent(key, "MONTHLY", "SUM", 3, true).toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> catalog.find(key).orElseThrow().archived());
    }

    private static String header(TopicRecord record, String name) {
        return record.header(name) == null ? "" : record.header(name);
    }
}
