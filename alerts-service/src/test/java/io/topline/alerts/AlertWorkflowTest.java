package io.topline.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.topline.chassis.time.SettableClock;
import io.topline.testinfra.RequestAs;
import io.topline.testinfra.ToplineInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class AlertWorkflowTest {


    @Inject
    SettableClock clock;

    @BeforeEach
    void pinClock() {
        clock.pin(EvaluationAlertTest.NOW);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void shouldAcknowledgeThenResolveWithThePersonFromTheTokenAndPublishEachTransition() {
        String key = TestData.key("retention-ack");
        TestData.retentionWithOctoberActual(key, TestData.key("service"), "88.0");
        String id = firingAlertOf(key);

        RequestAs.oncall().contentType("application/json")
                .body("{\"comment\":\"calling the top ten clients today\"}")
                .when().post("/alerts/" + id + "/acknowledge")
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("state", equalTo("ACKNOWLEDGED"))
                .body("sequence", equalTo(2))
                .body("transitions.to", contains("FIRING", "ACKNOWLEDGED"))
                .body("transitions[1].from", equalTo("FIRING"))
                .body("transitions[1].by", equalTo("olga@example.com"))
                .body("transitions[1].comment", equalTo("calling the top ten clients today"));
        RequestAs.oncall().contentType("application/json").body("{}")
                .when().post("/alerts/" + id + "/acknowledge")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://topline.dev/problems/alert-state"))
                .body("status", equalTo(409))
                .body("detail", equalTo("Alert " + key + ":2026-10:MISSED is ACKNOWLEDGED; only a FIRING alert can be acknowledged"));
        RequestAs.oncall().contentType("application/json").body("{\"comment\":null}")
                .when().post("/alerts/" + id + "/resolve")
                .then().statusCode(200)
                .body("state", equalTo("RESOLVED"))
                .body("transitions.to", contains("FIRING", "ACKNOWLEDGED", "RESOLVED"))
                .body("transitions[2].by", equalTo("olga@example.com"))
                .body("transitions[2].comment", nullValue());

        List<JsonNode> events = TestData.alertEvents(key, found -> found.size() >= 3);
        assertEquals(List.of("topline.alert.fired", "topline.alert.acknowledged", "topline.alert.resolved"),
                events.stream().map(e -> e.get("type").asText()).toList());
        assertEquals("olga@example.com", events.get(1).get("data").get("transition").get("by").asText());
        assertEquals(List.of(1, 2, 3), events.stream().map(e -> e.get("data").get("sequence").asInt()).toList());
    }

    @Test
    void shouldFilterAndPaginateAlertsWithTheirHistory() {
        String driver = TestData.key("service");
        String first = TestData.key("retention-a");
        String second = TestData.key("retention-b");
        TestData.retentionWithOctoberActual(first, driver, "80");
        TestData.retentionWithOctoberActual(second, driver, "85");
        firingAlertOf(first);
        firingAlertOf(second);

        RequestAs.viewer()
                .queryParam("driver", driver).queryParam("state", "FIRING").queryParam("kind", "MISSED")
                .queryParam("severity", "CRITICAL").queryParam("period", "2026-10").queryParam("size", 1)
                .when().get("/alerts")
                .then().statusCode(200)
                .body("page", equalTo(0))
                .body("size", equalTo(1))
                .body("totalItems", equalTo(2))
                .body("totalPages", equalTo(2))
                .body("items", hasSize(1))
                .body("items[0].driver.key", equalTo(driver))
                .body("items[0].transitions", hasSize(1));
        RequestAs.viewer().queryParam("measure", second).when().get("/alerts")
                .then().statusCode(200)
                .body("totalItems", equalTo(1))
                .body("items[0].dedupKey", equalTo(second + ":2026-10:MISSED"))
                .body("items[0].actual", equalTo(85))
                .body("items[0].target.version", equalTo(1))
                .body("items[0].evaluation.status", equalTo("MISSED"))
                .body("items[0].labels.measure", equalTo(second))
                .body("items[0].summary", equalTo("Client retention 85% in 2026-10 is at or below the failure level 90% (success 95%)"));
        RequestAs.viewer().queryParam("state", "SLEEPING").when().get("/alerts")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("state"));
    }

    @Test
    void shouldRefuseAnonymousAndWrongRoleAndMalformedRequestsWithProblems() {
        String key = TestData.key("retention-auth");
        TestData.retentionWithOctoberActual(key, TestData.key("service"), "70");
        String id = firingAlertOf(key);

        given().contentType("application/json").body("{}").when().post("/alerts/" + id + "/acknowledge")
                .then().statusCode(401).contentType("application/problem+json")
                .body("status", equalTo(401)).body("title", equalTo("Unauthorized"));
        RequestAs.viewer().contentType("application/json").body("{}")
                .when().post("/alerts/" + id + "/acknowledge")
                .then().statusCode(403).contentType("application/problem+json")
                .body("status", equalTo(403)).body("title", equalTo("Forbidden"));
        RequestAs.oncall().contentType("application/json").body("{\"comment\": ")
                .when().post("/alerts/" + id + "/acknowledge")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://topline.dev/problems/malformed-json"))
                .body("title", equalTo("Malformed JSON"))
                .body("status", equalTo(400))
                .body("detail", equalTo("The request body is not valid JSON at field 'comment'"))
                .body("instance", equalTo("/alerts/" + id + "/acknowledge"));
        RequestAs.oncall().contentType("application/json").body("{\"remark\":\"x\"}")
                .when().post("/alerts/" + id + "/acknowledge")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("remark"));
        RequestAs.viewer().when().get("/alerts/00000000-0000-0000-0000-000000000000")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("Alert '00000000-0000-0000-0000-000000000000' does not exist"));
        given().when().get("/alerts").then().statusCode(401).contentType("application/problem+json");
        RequestAs.ingest()
                .when().get("/scorecard").then().statusCode(403).contentType("application/problem+json");
    }

    static String firingAlertOf(String measure) {
        // the module's first test may also wait for the consumers to join their group on a loaded machine
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                RequestAs.viewer().queryParam("measure", measure).when().get("/alerts")
                        .then().statusCode(200).body("totalItems", equalTo(1)));
        return RequestAs.viewer().queryParam("measure", measure).when().get("/alerts")
                .then().statusCode(200).extract().path("items[0].id");
    }
}
