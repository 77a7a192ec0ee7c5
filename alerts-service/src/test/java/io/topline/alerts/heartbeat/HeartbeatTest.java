package io.topline.alerts.heartbeat;

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

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A measure with a heartbeat raises a STALE alert for the open period once its source has been silent past it, over
 * the real broker and database, and the next measurement resolves it; silence counts from the last measurement, or
 * from when the heartbeat was declared while none has arrived.
 */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class HeartbeatTest {

    /** Thursday 26 November 2026, 12:00 UTC: November is the open monthly period. */
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    @Inject
    SettableClock clock;
    @Inject
    HeartbeatService heartbeats;

    @AfterEach
    void reset() {
        clock.reset();
    }

    @Test
    void shouldRaiseStaleWhenTheSourceFallsSilentPastItsHeartbeatAndResolveOnTheNextMeasurement() {
        clock.pin(NOW);
        String key = TestData.key("heartbeat");
        defineWithHeartbeat(key, "PT4H");
        publishNovember(key, 1, "96", NOW.plus(Duration.ofHours(1)));
        await().atMost(Duration.ofSeconds(30)).until(() -> evaluated(key));

        clock.pin(NOW.plus(Duration.ofHours(4)));
        assertFalse(heartbeats.check().contains(key), "silent 3 hours of 4");
        clock.pin(NOW.plus(Duration.ofHours(5)).plus(Duration.ofMinutes(1)));
        assertTrue(heartbeats.check().contains(key), "silent 4 hours and a minute");
        assertFalse(heartbeats.check().contains(key), "one STALE alert while it is open");

        JsonPath firing = alerts(key);
        assertEquals(Map.of("kind", "STALE", "state", "FIRING", "dedupKey", key + ":2026-11:STALE",
                        "period", "2026-11", "summary", "Client retention has had no measurement in 2026-11 for 4 hours"
                                + " 1 minute (expected every 4 hours; last measurement 2026-11-26T13:00:00Z)"),
                fields(firing));

        publishNovember(key, 2, "97", NOW.plus(Duration.ofHours(5)).plus(Duration.ofMinutes(5)));
        await().atMost(Duration.ofSeconds(30)).until(() -> "RESOLVED".equals(fields(alerts(key)).get("state")));
        assertEquals("Resolved (a measurement arrived (2026-11-26T17:05:00Z)): Client retention has had no "
                + "measurement in 2026-11 for 4 hours 1 minute (expected every 4 hours; last measurement "
                + "2026-11-26T13:00:00Z)", fields(alerts(key)).get("summary"));

        List<JsonNode> events = TestData.alertEvents(key, found -> found.size() == 2);
        assertEquals(List.of("topline.alert.fired", "topline.alert.resolved"),
                events.stream().map(event -> event.get("type").asText()).toList());
        assertEquals(List.of(key + ":2026-11:STALE", key + ":2026-11:STALE"),
                events.stream().map(event -> event.get("data").get("dedupKey").asText()).toList());
    }

    @Test
    void shouldCountSilenceFromTheHeartbeatsDeclarationWhileNothingArrivedAndIgnoreMeasuresWithout() {
        clock.pin(NOW);
        String silent = TestData.key("heartbeat-silent");
        String without = TestData.key("heartbeat-none");
        defineWithHeartbeat(silent, "PT1H");
        defineWithHeartbeat(without, null);
        await().atMost(Duration.ofSeconds(30)).until(() -> known(silent) && known(without));

        clock.pin(NOW.plus(Duration.ofMinutes(59)));
        assertFalse(heartbeats.check().contains(silent), "declared 59 minutes ago");
        clock.pin(NOW.plus(Duration.ofMinutes(61)));
        List<String> fired = heartbeats.check();
        assertTrue(fired.contains(silent));
        assertFalse(fired.contains(without), "no heartbeat, no STALE");
        assertEquals("Client retention has had no measurement in 2026-11 for 1 hour 1 minute (expected every 1 hour; no "
                + "measurement yet)", fields(alerts(silent)).get("summary"));
    }

    private static void defineWithHeartbeat(String key, String expectedEvery) {
        TestData.publishMeasure(key, TestData.key("service"), "Client retention", "PERCENT", "LAST",
                "HIGHER_IS_BETTER", Cadence.MONTHLY, 1, expectedEvery,
                TestData.target(1, "2026-10", "95", "90", "CRITICAL", Instant.parse("2026-09-20T08:00:00Z")));
    }

    private static void publishNovember(String key, long revision, String value, Instant updatedAt) {
        BigDecimal amount = new BigDecimal(value);
        TestData.publishActual(key, Cadence.MONTHLY, "LAST", "2026-11", revision,
                new TestData.Figures(amount, revision, amount, amount, amount, amount), updatedAt);
    }

    private static boolean evaluated(String key) {
        return RequestAs.viewer().queryParam("measure", key).when().get("/evaluations")
                .then().statusCode(200).extract().jsonPath().getInt("totalItems") == 1;
    }

    /** Whether the catalog holds the measure: the scorecard lists it. */
    private static boolean known(String key) {
        return RequestAs.viewer().queryParam("cadence", "MONTHLY").when().get("/scorecard")
                .then().statusCode(200).extract().asString().contains("\"" + key + "\"");
    }

    private static JsonPath alerts(String key) {
        return RequestAs.viewer().queryParam("measure", key).when().get("/alerts")
                .then().statusCode(200).extract().jsonPath();
    }

    /** The fields of the measure's one alert that say what it is and why. */
    private static Map<String, Object> fields(JsonPath alerts) {
        assertEquals(1, alerts.getInt("totalItems"), () -> "one alert: " + alerts.prettify());
        return Map.of("kind", alerts.getString("items[0].kind"), "state", alerts.getString("items[0].state"),
                "dedupKey", alerts.getString("items[0].dedupKey"), "period", alerts.getString("items[0].period"),
                "summary", alerts.getString("items[0].summary"));
    }
}
