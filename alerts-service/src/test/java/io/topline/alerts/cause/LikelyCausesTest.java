package io.topline.alerts.cause;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.topline.alerts.TestData;
import io.topline.alerts.period.Cadence;
import io.topline.chassis.time.SettableClock;
import io.topline.testinfra.RequestAs;
import io.topline.testinfra.ToplineInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A downstream miss names the upstream misses that likely explain it, nearest first, in the API, on Kafka and in its
 * summary, and the scorecard's driver roll-up shows the same chain; a red driver outside its upstream is no cause.
 */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class LikelyCausesTest {

    /** Thursday of 2026-W48: October is closed and final. */
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    @Inject
    SettableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void shouldNameTheUpstreamMissesOfADownstreamMissNearestFirst() {
        clock.pin(NOW);
        String operations = TestData.key("operations");
        String marketing = TestData.key("marketing");
        String sales = TestData.key("sales");
        String service = TestData.key("service");
        TestData.publishDriver(operations, "Operations", "OPERATIONS", 1, marketing);
        TestData.publishDriver(marketing, "Marketing", "MARKETING", 1, sales);
        TestData.publishDriver(sales, "Sales", "SALES", 1);
        TestData.publishDriver(service, "Service", "SERVICE", 1);
        // drivers travel on their own partitions: the flow must be whole before the first miss is judged
        await().atMost(Duration.ofSeconds(30)).until(() -> RequestAs.viewer().queryParam("cadence", "MONTHLY")
                .when().get("/scorecard").then().statusCode(200).extract().jsonPath().getList("drivers.key")
                .containsAll(List.of(operations, marketing, sales, service)));
        String capacity = missOctober(operations, "Delivery capacity");
        String leads = missOctober(marketing, "Marketing-qualified leads");
        String unrelated = missOctober(service, "Client retention");
        String closing = missOctober(sales, "Closing ratio");

        JsonPath alert = alertOf(closing);
        assertEquals(List.of(
                cause(alertOf(leads), marketing, "Marketing", leads, "Marketing-qualified leads", 1),
                cause(alertOf(capacity), operations, "Operations", capacity, "Delivery capacity", 2)),
                alert.getList("likelyCauses"));
        assertEquals("Closing ratio 40 in 2026-10 is at or below the failure level 50 (success 60); upstream: "
                + "Marketing-qualified leads also missed in 2026-10, Delivery capacity also missed in 2026-10",
                alert.getString("summary"));
        assertEquals(List.of(cause(alertOf(capacity), operations, "Operations", capacity, "Delivery capacity", 1)),
                alertOf(leads).getList("likelyCauses"));
        assertEquals(List.of(), alertOf(capacity).getList("likelyCauses"));
        assertEquals(List.of(), alertOf(unrelated).getList("likelyCauses"));

        JsonPath scorecard = RequestAs.viewer().queryParam("cadence", "MONTHLY").queryParam("periods", 2)
                .when().get("/scorecard").then().statusCode(200).extract().jsonPath();
        assertEquals(Map.of("key", sales, "name", "Sales", "function", "SALES",
                        "flowPosition", scorecard.getInt("drivers.find { it.key == '" + sales + "' }.flowPosition"),
                        "status", "MISSED", "explainedBy", List.of(
                                Map.of("key", marketing, "name", "Marketing", "status", "MISSED", "hops", 1),
                                Map.of("key", operations, "name", "Operations", "status", "MISSED", "hops", 2))),
                scorecard.getMap("drivers.find { it.key == '" + sales + "' }"));
        assertEquals(List.of(), scorecard.getList("drivers.find { it.key == '" + service + "' }.explainedBy"));
        assertEquals("MISSED", scorecard.getString("drivers.find { it.key == '" + service + "' }.status"));

        JsonNode published = TestData.alertEvents(closing, found -> !found.isEmpty()).get(0).get("data");
        assertEquals(alert.getString("summary"), published.get("summary").asText());
        assertEquals(List.of(leads, capacity), List.of(published.get("likelyCauses").get(0).get("measureKey").asText(),
                published.get("likelyCauses").get(1).get("measureKey").asText()));
    }

    /** A monthly measure of {@code driver} whose October actual 40 is at its failure level 50; waits for its alert. */
    private static String missOctober(String driver, String name) {
        String measure = TestData.key("measure");
        TestData.publishMeasure(measure, driver, name, "NUMBER", "SUM", "HIGHER_IS_BETTER", Cadence.MONTHLY, 1,
                TestData.target(1, "2026-10", "60", "50", "CRITICAL", Instant.parse("2026-09-20T08:00:00Z")));
        TestData.publishActual(measure, Cadence.MONTHLY, "SUM", "2026-10", "40", 1);
        await().atMost(Duration.ofSeconds(60)).until(() -> alertOf(measure).getString("state") != null);
        return measure;
    }

    private static JsonPath alertOf(String measure) {
        JsonPath page = RequestAs.viewer().queryParam("measure", measure).when().get("/alerts")
                .then().statusCode(200).extract().jsonPath();
        return page.getList("items").isEmpty() ? new JsonPath("{}") : page.setRootPath("items[0]");
    }

    private static Map<String, Object> cause(JsonPath upstream, String driver, String driverName, String measure,
                                             String measureName, int hops) {
        return Map.of("alertId", upstream.getString("id"), "dedupKey", measure + ":2026-10:MISSED", "kind", "MISSED",
                "driverKey", driver, "driverName", driverName, "measureKey", measure, "measureName", measureName,
                "period", "2026-10", "hops", hops);
    }
}
