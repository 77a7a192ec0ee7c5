package io.topline.drivers.target;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.topline.chassis.json.BoundedDecimalDeserializer;
import io.topline.drivers.TestData;
import io.topline.testinfra.ToplineInfrastructure;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.topline.drivers.TestData.asAdmin;
import static io.topline.drivers.TestData.asViewer;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Target schedules over HTTP: versions, the version in effect, cadences, sides and non-finite levels. */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class TargetResourceTest {

    @Test
    void shouldNumberVersionsAndAnswerTheVersionInEffect() {
        String measure = monthlyMeasure("HIGHER_IS_BETTER");
        asAdmin().body(TestData.target("2026-01", 90, 80)).post("/measures/" + measure + "/targets")
                .then()
                .statusCode(201)
                .header("Location", endsWith("/measures/" + measure + "/targets/1"))
                .header("ETag", equalTo("\"2\""))
                .body("version", equalTo(1))
                .body("effectiveFrom", equalTo("2026-01"))
                .body("successLevel", equalTo(90))
                .body("failureLevel", equalTo(80))
                .body("severity", equalTo("CRITICAL"))
                .body("note", equalTo("set in a test"))
                .body("createdAt", notNullValue())
                .body("supersededBy", nullValue());
        asAdmin().body(TestData.target("2026-06", 95, 90)).post("/measures/" + measure + "/targets")
                .then().statusCode(201).body("version", equalTo(2));
        asAdmin().body(TestData.target("2026-06", 94.5, 89.5)).post("/measures/" + measure + "/targets")
                .then().statusCode(201).body("version", equalTo(3));

        asViewer().get("/measures/" + measure + "/targets")
                .then()
                .statusCode(200)
                .header("ETag", equalTo("\"4\""))
                .body("measureKey", equalTo(measure))
                .body("cadence", equalTo("MONTHLY"))
                .body("revision", equalTo(4))
                .body("targets.version", contains(1, 2, 3))
                .body("targets.effectiveFrom", contains("2026-01", "2026-06", "2026-06"))
                .body("targets.supersededBy", contains(null, 3, null));
        assertInEffect(measure, "2026-03", 1, 90);
        assertInEffect(measure, "2026-06", 3, 94.5f);
        assertInEffect(measure, "2027-02", 3, 94.5f);
        assertInEffect(measure, "current", 3, 94.5f);
        asViewer().queryParam("period", "2025-12").get("/measures/" + measure + "/targets")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("https://topline.dev/problems/no-target"))
                .body("detail", containsString("has no target in effect for 2025-12"));
        asViewer().get("/measures/" + measure + "/targets/2").then().statusCode(200)
                .body("version", equalTo(2)).body("supersededBy", equalTo(3));
        asViewer().get("/measures/" + measure).then().statusCode(200).body("revision", equalTo(4))
                .body("targets.version", contains(1, 2, 3));
    }

    @Test
    void shouldRefusePeriodsOfAnotherCadence() {
        String weekly = TestData.key("leads");
        Map<String, Object> body = TestData.measure(weekly, TestData.createDriver("mkt"));
        body.put("cadence", "WEEKLY");
        body.put("unit", "COUNT");
        body.put("aggregation", "SUM");
        TestData.createMeasure(body);

        asAdmin().body(TestData.target("2026-11", 120, 90)).post("/measures/" + weekly + "/targets")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://topline.dev/problems/unprocessable"))
                .body("detail", equalTo("'2026-11' is a monthly period, but the measure is weekly; use a period like 2026-W48"))
                .body("violations[0].field", equalTo("effectiveFrom"));
        asAdmin().body(TestData.target("2025-W53", 120, 90)).post("/measures/" + weekly + "/targets")
                .then().statusCode(422).body("violations[0].field", equalTo("effectiveFrom"))
                .body("detail", containsString("is not a period"));
        asAdmin().body(TestData.target("2026-W48", 120, 90)).post("/measures/" + weekly + "/targets")
                .then().statusCode(201).body("effectiveFrom", equalTo("2026-W48"));
        asViewer().queryParam("period", "2026-Q4").get("/measures/" + weekly + "/targets")
                .then().statusCode(422).body("violations[0].field", equalTo("period"));
        assertInEffect(weekly, "2026-W53", 1, 120);

        String quarterly = TestData.key("nrr");
        Map<String, Object> q = TestData.measure(quarterly, TestData.createDriver("fin"));
        q.put("cadence", "QUARTERLY");
        TestData.createMeasure(q);
        asAdmin().body(TestData.target("2026-Q4", 110, 100)).post("/measures/" + quarterly + "/targets")
                .then().statusCode(201).body("effectiveFrom", equalTo("2026-Q4"));
        asAdmin().body(TestData.target("2026-W48", 110, 100)).post("/measures/" + quarterly + "/targets")
                .then().statusCode(422).body("detail", containsString("use a period like 2026-Q4"));
    }

    @Test
    void shouldRefuseLevelsOnTheWrongSideExplainingWhy() {
        String higher = monthlyMeasure("HIGHER_IS_BETTER");
        asAdmin().body(TestData.target("2026-11", 95, 96)).post("/measures/" + higher + "/targets")
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", equalTo("For a HIGHER_IS_BETTER measure failure is the low side: failureLevel 96 "
                        + "must be at or below successLevel 95"))
                .body("violations[0].field", equalTo("failureLevel"));
        asAdmin().body(TestData.target("2026-11", 95, 95)).post("/measures/" + higher + "/targets")
                .then().statusCode(201);

        String lower = monthlyMeasure("LOWER_IS_BETTER");
        asAdmin().body(TestData.target("2026-11", 45, 30)).post("/measures/" + lower + "/targets")
                .then().statusCode(422)
                .body("detail", equalTo("For a LOWER_IS_BETTER measure failure is the high side: failureLevel 30 "
                        + "must be at or above successLevel 45"))
                .body("violations[0].field", equalTo("failureLevel"));
        asAdmin().body(TestData.target("2026-11", 45, 60)).post("/measures/" + lower + "/targets")
                .then().statusCode(201);
    }

    @Test
    void shouldNameNonFiniteMissingAndOutOfRangeLevels() {
        String measure = monthlyMeasure("HIGHER_IS_BETTER");
        String path = "/measures/" + measure + "/targets";
        asAdmin().body(TestData.target("2026-11", "NaN", 80)).post(path)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("successLevel"));
        asAdmin().body("{\"effectiveFrom\":\"2026-11\",\"successLevel\":Infinity,\"failureLevel\":1,\"severity\":\"INFO\"}")
                .post(path)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("successLevel"));
        asAdmin().body("{\"effectiveFrom\":\"2026-11\",\"successLevel\":1e400,\"failureLevel\":1,\"severity\":\"INFO\"}")
                .post(path)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("successLevel"))
                .body("violations[0].message", equalTo(BoundedDecimalDeserializer.REASON));
        asAdmin().body("{\"effectiveFrom\":\"2026-11\",\"successLevel\":1e16,\"failureLevel\":1,\"severity\":\"INFO\"}")
                .post(path)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("successLevel"))
                .body("violations[0].message", equalTo("must be at most 10^15"));
        asAdmin().body(TestData.target("2026-11", 95, "ninety")).post(path)
                .then().statusCode(400).body("violations[0].field", equalTo("failureLevel"));
        Map<String, Object> noSeverity = TestData.target("2026-11", 95, 90);
        noSeverity.remove("severity");
        asAdmin().body(noSeverity).post(path)
                .then().statusCode(400).body("violations[0].field", equalTo("severity"))
                .body("violations[0].message", equalTo("must not be null"));
        Map<String, Object> loud = TestData.target("2026-11", 95, 90);
        loud.put("severity", "LOUD");
        asAdmin().body(loud).post(path).then().statusCode(400).body("violations[0].field", equalTo("severity"));
        asViewer().get(path).then().statusCode(200).body("revision", equalTo(1));
    }

    @Test
    void shouldRefuseStaleIfMatchAndArchivedMeasures() {
        String measure = monthlyMeasure("HIGHER_IS_BETTER");
        asAdmin().header("If-Match", "\"7\"").body(TestData.target("2026-11", 95, 90))
                .post("/measures/" + measure + "/targets")
                .then().statusCode(412).contentType("application/problem+json");
        asAdmin().header("If-Match", "\"1\"").post("/measures/" + measure + "/archive").then().statusCode(200);
        asAdmin().body(TestData.target("2026-11", 95, 90)).post("/measures/" + measure + "/targets")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo("Measure '" + measure + "' is archived and cannot change"));
        asViewer().body(TestData.target("2026-11", 95, 90)).post("/measures/" + measure + "/targets")
                .then().statusCode(403).contentType("application/problem+json");
    }

    private static String monthlyMeasure(String direction) {
        Map<String, Object> body = TestData.measure(TestData.key("retention"), TestData.createDriver("svc"));
        body.put("direction", direction);
        return TestData.createMeasure(body);
    }

    private static void assertInEffect(String measure, String period, int version, Object success) {
        asViewer().queryParam("period", period).get("/measures/" + measure + "/targets")
                .then().statusCode(200).body("version", equalTo(version)).body("successLevel", equalTo(success));
    }
}
