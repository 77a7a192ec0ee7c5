package io.topline.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** alerts-service killed with SIGKILL after an alert went out: after its restart nothing is published or delivered twice. */
@ExtendWith(Suite.class)
class AlertsRestartTest {

    @Test
    void shouldPublishAndDeliverNothingTwiceAfterAlertsServiceIsKilledAndRestarted() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String driver = "restart-" + suffix;
        String measure = "restart-retention-" + suffix;
        Api.post(Suite.driversUrl() + "/drivers", Api.ADMIN, Map.of("key", driver, "name", "Restart service",
                "function", "SERVICE", "owner", "carla@example.com", "feedsInto", List.of()), 201);
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("key", measure);
        definition.put("driverKey", driver);
        definition.put("name", "Client retention");
        definition.put("unit", "PERCENT");
        definition.put("aggregation", "LAST");
        definition.put("direction", "HIGHER_IS_BETTER");
        definition.put("cadence", "MONTHLY");
        Api.post(Suite.driversUrl() + "/measures", Api.ADMIN, definition, 201);
        Api.post(Suite.driversUrl() + "/measures/" + measure + "/targets", Api.ADMIN, Map.of("effectiveFrom", "2026-09",
                "successLevel", 95, "failureLevel", 90, "severity", "CRITICAL"), 201);

        try (WebhookReceiver webhook = new WebhookReceiver(); AlertsTopic topic = AlertsTopic.fromBeginning()) {
            JsonNode subscription = Api.post(Suite.alertsUrl() + "/subscriptions", Api.ADMIN,
                    Map.of("url", webhook.url(), "measures", List.of(measure)), 201);
            webhook.secret(subscription.get("secret").asText());

            // October closed long ago, so this one value makes a final MISSED evaluation at once
            Map<String, Object> measurement = Map.of("id", "restart-" + suffix, "measure", measure, "value", 85,
                    "occurredAt", "2026-10-15T10:00:00Z", "source", "e2e");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                // metrics-service answers 422 until its catalog has read the new measure
                Response response = given().auth().oauth2(Suite.token(Api.INGEST)).contentType("application/json")
                        .body(measurement).post(Suite.metricsUrl() + "/measurements");
                return response.statusCode() == 201 || response.statusCode() == 200;
            });
            await().atMost(Duration.ofSeconds(60)).until(() -> webhook.verified().size() >= 1
                    && topic.about(List.of(measure)).size() >= 1);

            Suite.kill("alerts-service");
            Suite.start();
            // long enough for the restarted service to replay its topics, run its closing job and its delivery worker
            Thread.sleep(10_000);

            List<AlertsTopic.Received> events = topic.about(List.of(measure));
            assertEquals(1, events.size(), "one alert transition on Kafka, before and after the restart: " + events);
            assertEquals("topline.alert.fired", events.get(0).event().get("type").asText());
            assertEquals(measure + ":2026-10:MISSED", events.get(0).data().get("dedupKey").asText());
            assertEquals(1, webhook.verified().size(), "one delivery at the webhook: " + webhook.verified());
            assertTrue(webhook.refused().isEmpty(), "every delivery was signed correctly: " + webhook.refused());
            assertTrue(topic.contractViolations().isEmpty(), String.join("\n", topic.contractViolations()));

            JsonNode alerts = Api.get(Suite.alertsUrl() + "/alerts?measure=" + measure, Api.VIEWER, 200);
            assertEquals(1, alerts.get("totalItems").asInt(), Api.pretty(alerts));
            assertEquals("FIRING", alerts.get("items").get(0).get("state").asText());
            assertEquals("MISSED", alerts.get("items").get(0).get("kind").asText());
            JsonNode deliveries = Api.get(Suite.alertsUrl() + "/subscriptions/" + subscription.get("id").asText()
                    + "/deliveries", Api.ADMIN, 200);
            assertEquals(1, deliveries.get("totalItems").asInt(), Api.pretty(deliveries));
            assertEquals("SUCCEEDED", deliveries.get("items").get(0).get("status").asText());
        }
    }
}
