package io.topline.metrics.measurement;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.topline.metrics.catalog.MeasureCatalog;
import io.topline.metrics.support.TestData;
import io.topline.testinfra.EventContracts;
import io.topline.testinfra.RequestAs;
import io.topline.testinfra.TopicReader;
import io.topline.testinfra.TopicRecord;
import io.topline.testinfra.ToplineInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Corrections and retractions by client id over the real database and broker: the period's actual is recounted and
 * published with a new revision, a retracted measurement no longer counts or lists and cannot come back, and the
 * last measurement of a period cannot be retracted.
 */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class MeasurementCorrectionTest {

    @Inject
    MeasureCatalog catalog;

    @Test
    void shouldRecountAndPublishTheActualWhenAMeasurementIsCorrectedOrRetracted() {
        String key = TestData.uniqueKey("leads");
        TestData.defineMeasure(catalog, key, "MONTHLY", "SUM");
        Instant at = TestData.thisMonth(40);
        String period = TestData.month(at);
        post(TestData.measurement(key + "-a", key, 10, at));
        post(TestData.measurement(key + "-b", key, 5, at.plusSeconds(60)));

        JsonPath corrected = RequestAs.ingest().contentType(ContentType.JSON)
                .body(Map.of("value", 12, "reason", "typo in the CRM export"))
                .when().post("/measurements/" + key + "-a/correct").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(key + "-a", key, period, "CORRECTED", "10", "12", "typo in the CRM export",
                        "ian@example.com", "3"),
                List.of(corrected.getString("id"), corrected.getString("measure"), corrected.getString("period"),
                        corrected.getString("status"), corrected.getString("previousValue"),
                        corrected.getString("value"), corrected.getString("reason"), corrected.getString("changedBy"),
                        corrected.getString("actualRevision")));
        assertActual(key, period, 17, 2, 3);
        // a late retry of the post as it was first sent is that measurement: a duplicate, not a conflict
        RequestAs.ingest().contentType(ContentType.JSON).body(TestData.measurement(key + "-a", key, 10, at))
                .when().post("/measurements").then().statusCode(200).body("status", equalTo("DUPLICATE"));
        assertActual(key, period, 17, 2, 3);

        RequestAs.admin().contentType(ContentType.JSON).body(Map.of("reason", "sent twice"))
                .when().post("/measurements/" + key + "-b/retract")
                .then().statusCode(200).body("status", equalTo("RETRACTED")).body("actualRevision", equalTo(4));
        assertActual(key, period, 12, 1, 4);
        RequestAs.viewer().queryParam("measure", key).when().get("/measurements").then().statusCode(200)
                .body("items.id", equalTo(List.of(key + "-a"))).body("items[0].value", equalTo(12));
        // a late retry of the retracted measurement is the same measurement: it does not count again
        RequestAs.ingest().contentType(ContentType.JSON).body(TestData.measurement(key + "-b", key, 5, at.plusSeconds(60)))
                .when().post("/measurements").then().statusCode(200).body("status", equalTo("DUPLICATE"));
        assertActual(key, period, 12, 1, 4);

        try (TopicReader actuals = TopicReader.fromBeginning("topline.actuals")) {
            List<TopicRecord> records = actuals.readUntil(TopicReader.keyed(key + ":" + period),
                    found -> found.size() == 4, Duration.ofSeconds(30));
            records.forEach(record -> EventContracts.assertValid("topline.actual.updated", record.event()));
            assertEquals(List.of("15", "17", "12"), records.stream().skip(1)
                    .map(record -> record.data().get("value").decimalValue().stripTrailingZeros().toPlainString())
                    .toList());
        }
    }

    @Test
    void shouldRefuseToChangeARetractedMeasurementTheLastOfItsPeriodOrAnUnknownOne() {
        String key = TestData.uniqueKey("leads");
        TestData.defineMeasure(catalog, key, "MONTHLY", "SUM");
        Instant at = TestData.thisMonth(41);
        post(TestData.measurement(key + "-only", key, 7, at));
        post(TestData.measurement(key + "-gone", key, 1, at));
        RequestAs.ingest().contentType(ContentType.JSON).body("{}").when().post("/measurements/" + key + "-gone/retract")
                .then().statusCode(200);

        RequestAs.ingest().contentType(ContentType.JSON).body("{}").when().post("/measurements/" + key + "-gone/retract")
                .then().statusCode(409).body("type", equalTo("https://topline.dev/problems/retracted"));
        RequestAs.ingest().contentType(ContentType.JSON).body(Map.of("value", 2))
                .when().post("/measurements/" + key + "-gone/correct").then().statusCode(409);
        RequestAs.ingest().contentType(ContentType.JSON).body("{}").when().post("/measurements/" + key + "-only/retract")
                .then().statusCode(409).body("type", equalTo("https://topline.dev/problems/last-measurement"));
        assertActual(key, TestData.month(at), 7, 1, 3);
        RequestAs.ingest().contentType(ContentType.JSON).body(Map.of("value", 2))
                .when().post("/measurements/no-such-id/correct").then().statusCode(404);
        // the same bound as a new measurement's
        RequestAs.ingest().contentType(ContentType.JSON).body(Map.of("value", new BigDecimal("2e15")))
                .when().post("/measurements/" + key + "-only/correct").then().statusCode(422)
                .body("violations[0].field", equalTo("value"))
                .body("violations[0].message", equalTo("must lie within ±1000000000000000"));
        RequestAs.viewer().contentType(ContentType.JSON).body(Map.of("value", 2))
                .when().post("/measurements/" + key + "-only/correct").then().statusCode(403);
    }

    private static void post(Map<String, Object> measurement) {
        RequestAs.ingest().contentType(ContentType.JSON).body(measurement).when().post("/measurements")
                .then().statusCode(201);
    }

    private static void assertActual(String key, String period, int value, int count, int revision) {
        RequestAs.viewer().queryParam("measure", key).queryParam("from", period).queryParam("to", period)
                .when().get("/actuals").then().statusCode(200)
                .body("items[0].value", equalTo(value)).body("items[0].count", equalTo(count))
                .body("items[0].revision", equalTo(revision));
    }
}
