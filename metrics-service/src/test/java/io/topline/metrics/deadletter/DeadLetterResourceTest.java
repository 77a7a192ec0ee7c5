package io.topline.metrics.deadletter;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.topline.metrics.catalog.MeasureCatalog;
import io.topline.metrics.support.TestData;
import io.topline.testinfra.RequestAs;
import io.topline.testinfra.TopicReader;
import io.topline.testinfra.TopicRecord;
import io.topline.testinfra.ToplineInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dead letters of the measurements consumer over the real broker: listed with their reason, re-driven once. */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class DeadLetterResourceTest {

    private static final String DLQ = "topline.measurements.dlq";

    @Inject
    MeasureCatalog catalog;

    @Test
    void shouldListAMeasurementOfAnUnknownMeasureAndApplyItWhenReDrivenAfterTheMeasureIsDefined() {
        String key = TestData.uniqueKey("redrive");
        Instant at = TestData.thisMonth(25);
        String value = TestData.measurementEvent("m-" + key, key, 7.5, at).toString();
        TestData.send("topline.measurements", key, value);

        Map<String, Object> dead = awaitDeadLetter(key);
        assertEquals(DLQ, dead.get("topic"));
        assertEquals(key, dead.get("key"));
        assertTrue(((String) dead.get("reason")).contains("unknown measure '" + key + "'"), (String) dead.get("reason"));
        assertEquals("topline.measurements", dead.get("originalTopic"));
        assertNotNull(dead.get("originalPartition"));
        assertNotNull(dead.get("originalOffset"));
        assertNotNull(dead.get("time"));
        assertEquals(value, dead.get("valuePreview"));
        assertNull(dead.get("redrivenAt"));

        TestData.defineMeasure(catalog, key, "MONTHLY", "SUM");
        Map<String, Object> ref = Map.of("topic", DLQ, "partition", dead.get("partition"), "offset", dead.get("offset"));
        RequestAs.admin().contentType(ContentType.JSON).body(ref)
                .when().post("/dead-letters/metrics/redrive")
                .then().statusCode(200)
                .body("redriven", equalTo(List.of(ref)))
                .body("alreadyRedriven", hasSize(0));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> RequestAs.viewer()
                .queryParam("measure", key).when().get("/actuals")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].value", equalTo(7.5f)));
        try (TopicReader measurements = TopicReader.fromBeginning("topline.measurements")) {
            List<TopicRecord> copies = measurements.readUntil(TopicReader.keyed(key), TopicReader.atLeast(2),
                    Duration.ofSeconds(30));
            assertEquals(value, copies.get(1).value(), "the same value, byte for byte");
            assertEquals(DLQ + "/" + dead.get("partition") + "/" + dead.get("offset"),
                    copies.get(1).header("topline-redriven-from"));
        }
        assertNotNull(awaitDeadLetter(key).get("redrivenAt"), "the listing shows the re-drive");
    }

    @Test
    void shouldRefuseToReDriveTheSameDeadLetterTwice() {
        String key = TestData.uniqueKey("twice");
        TestData.send("topline.measurements", key, "{\"not\": \"a cloud event\"}");
        Map<String, Object> dead = awaitDeadLetter(key);
        Map<String, Object> ref = Map.of("topic", DLQ, "partition", dead.get("partition"), "offset", dead.get("offset"));
        RequestAs.admin().contentType(ContentType.JSON).body(ref).when().post("/dead-letters/metrics/redrive")
                .then().statusCode(200).body("redriven", hasSize(1));

        RequestAs.admin().contentType(ContentType.JSON).body(ref).when().post("/dead-letters/metrics/redrive")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://topline.dev/problems/already-redriven"))
                .body("detail", equalTo("Dead letter " + DLQ + "/" + dead.get("partition") + "/" + dead.get("offset")
                        + " was re-driven before; its copy is in topline.measurements"));
    }

    @Test
    void shouldReDriveEveryDeadLetterSinceAnInstantOnceAndLeaveTheRestToASecondCall() {
        String key = TestData.uniqueKey("since");
        Instant since = Instant.now().minusSeconds(1);
        TestData.send("topline.measurements", key, "");
        Map<String, Object> dead = awaitDeadLetter(key);
        Map<String, Object> ref = Map.of("topic", DLQ, "partition", dead.get("partition"), "offset", dead.get("offset"));

        JsonPath first = RequestAs.admin().contentType(ContentType.JSON).body(Map.of("since", since.toString()))
                .when().post("/dead-letters/metrics/redrive").then().statusCode(200).extract().jsonPath();
        assertTrue(first.getList("redriven").contains(ref), first.prettify());

        JsonPath second = RequestAs.admin().contentType(ContentType.JSON).body(Map.of("since", since.toString()))
                .when().post("/dead-letters/metrics/redrive").then().statusCode(200).extract().jsonPath();
        assertTrue(second.getList("alreadyRedriven").contains(ref), second.prettify());
        assertTrue(!second.getList("redriven").contains(ref), second.prettify());
    }

    @Test
    void shouldAnswerBadReDrivesWithProblems() {
        RequestAs.admin().contentType(ContentType.JSON).body(Map.of("topic", "topline.actuals", "partition", 0, "offset", 0))
                .when().post("/dead-letters/metrics/redrive")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("topic"));
        RequestAs.admin().contentType(ContentType.JSON).body(Map.of())
                .when().post("/dead-letters/metrics/redrive")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("since"));
        RequestAs.admin().contentType(ContentType.JSON).body(Map.of("topic", DLQ, "partition", 0))
                .when().post("/dead-letters/metrics/redrive")
                .then().statusCode(400).body("violations[0].field", equalTo("offset"));
        RequestAs.admin().contentType(ContentType.JSON).body(Map.of("topic", DLQ, "partition", 0, "offset", 999_999_999))
                .when().post("/dead-letters/metrics/redrive")
                .then().statusCode(404).contentType("application/problem+json");
        RequestAs.admin().when().get("/dead-letters/alerts").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void shouldKeepDeadLettersToAdmins() {
        RequestAs.viewer().when().get("/dead-letters/metrics").then().statusCode(403);
        RequestAs.ingest().contentType(ContentType.JSON).body(Map.of("since", "2026-01-01T00:00:00Z"))
                .when().post("/dead-letters/metrics/redrive").then().statusCode(403);
        io.restassured.RestAssured.given().when().get("/dead-letters/metrics").then().statusCode(401);
    }

    /** The listed dead letter of {@code key}, once the consumer has dead-lettered it. */
    private static Map<String, Object> awaitDeadLetter(String key) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> RequestAs.admin()
                .queryParam("topic", DLQ).queryParam("size", 1000)
                .when().get("/dead-letters/metrics")
                .then().statusCode(200).body("items", notNullValue())
                .extract().jsonPath().<Map<String, Object>>getList("items").stream()
                .filter(item -> key.equals(item.get("key")))
                .findFirst().orElse(null), found -> found != null);
    }
}
