package io.topline.alerts.receiver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.topline.alerts.LocalReceiver;
import io.topline.alerts.TestData;
import io.topline.chassis.time.SettableClock;
import io.topline.testinfra.RequestAs;
import io.topline.testinfra.ToplineInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Slack, Teams and PagerDuty receivers get an alert's firing, acknowledgement and resolve in their own formats, checked
 * against the published structures (Block Kit, Adaptive Card, PagerDuty Events v2) by local HTTP servers; the
 * deliveries go through the delivery log with its retries and replays, and a webhook subscriber is signed as before.
 */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class ReceiversTest {

    /** Thursday 26 November 2026, 12:00 UTC: October is closed and past its grace time. */
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    /** A routing key as PagerDuty issues them: 32 characters. */
    private static final String ROUTING_KEY = "R0UT1NGKEY0123456789abcdefABCDEF";
    private static final String CONSOLE = "http://127.0.0.1:8080/console/inbox/";

    @Inject
    SettableClock clock;

    LocalReceiver receiver;

    @BeforeEach
    void start() throws IOException {
        // a clock that runs: a retry falls due 200 ms after a failed attempt
        clock.startAt(NOW);
        receiver = new LocalReceiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
        clock.reset();
    }

    @Test
    void shouldTellSlackTeamsAndPagerDutyOfAFiringItsAcknowledgementAndItsResolve() {
        String key = TestData.key("receivers");
        subscribe("SLACK", receiver.url("/slack"), key, null);
        subscribe("TEAMS", receiver.url("/teams"), key, null);
        // PagerDuty answers 500 once: the trigger is retried on the schedule like any webhook
        receiver.failNext("/pagerduty", 1);
        String pagerDuty = subscribe("PAGERDUTY", receiver.url("/pagerduty"), key, ROUTING_KEY);
        String webhook = subscribe("WEBHOOK", receiver.url("/webhook"), key, null);
        String driver = TestData.key("service");
        TestData.publishDriver(driver, "Customer service", "SERVICE", 1);
        TestData.retentionWithOctoberActual(key, driver, "88.0");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(List.of(2, 1, 1, 1),
                counts("/pagerduty", "/slack", "/teams", "/webhook")));
        String alertId = receiver.bodies("/webhook").get(0).get("data").get("alertId").asText();
        JsonNode alert = alert(alertId);
        String title = "[FIRING] CRITICAL MISSED: Client retention (2026-10)";

        JsonNode slack = receiver.bodies("/slack").get(0);
        ReceiverSchemas.assertValid(ReceiverSchemas.SLACK, slack);
        assertEquals(slackMessage(title, "*" + alert.at("/driver/name").asText() + "* (" + alert.at("/driver/function")
                .asText() + ") · Client retention\n" + alert.get("summary").asText(), "FIRING", alertId), slack);

        JsonNode teams = receiver.bodies("/teams").get(0);
        ReceiverSchemas.assertValid(ReceiverSchemas.TEAMS, teams);
        JsonNode card = teams.get("attachments").get(0).get("content");
        assertEquals(List.of(title, "Attention", alert.get("summary").asText(), "Client retention", "88.0",
                        "Open in Topline", CONSOLE + alertId),
                List.of(card.at("/body/0/text").asText(), card.at("/body/0/color").asText(),
                        card.at("/body/1/text").asText(), card.at("/body/2/facts/1/value").asText(),
                        card.at("/body/2/facts/3/value").asText(), card.at("/actions/0/title").asText(),
                        card.at("/actions/0/url").asText()));

        List<JsonNode> triggers = receiver.bodies("/pagerduty");
        assertEquals(triggers.get(0), triggers.get(1), "the retry sends the same event");
        ReceiverSchemas.assertValid(ReceiverSchemas.PAGERDUTY, triggers.get(1));
        assertEquals(trigger(alert, title, alertId), triggers.get(1));
        assertEquals(List.of("SUCCEEDED", 2, 202), deliveryOutcome(pagerDuty));
        assertNull(receiver.requests("/pagerduty").get(1).headers().get("Webhook-signature"),
                "only Standard Webhooks are signed");
        assertEquals(1, receiver.requests("/webhook").get(0).headers().get("Webhook-signature").size());

        RequestAs.oncall().contentType("application/json").body("{\"comment\":\"on it\"}")
                .when().post("/alerts/" + alertId + "/acknowledge").then().statusCode(200);
        RequestAs.oncall().contentType("application/json").body("{\"comment\":\"fixed\"}")
                .when().post("/alerts/" + alertId + "/resolve").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(List.of(4, 3, 3),
                counts("/pagerduty", "/slack", "/teams")));
        String dedupKey = key + ":2026-10:MISSED";
        for (int i = 2; i < 4; i++) {
            ReceiverSchemas.assertValid(ReceiverSchemas.PAGERDUTY, receiver.bodies("/pagerduty").get(i));
        }
        assertEquals(List.of(event("acknowledge", dedupKey), event("resolve", dedupKey)),
                receiver.bodies("/pagerduty").subList(2, 4));
        JsonNode resolvedSlack = receiver.bodies("/slack").get(2);
        ReceiverSchemas.assertValid(ReceiverSchemas.SLACK, resolvedSlack);
        assertEquals("[RESOLVED] CRITICAL MISSED: Client retention (2026-10)", resolvedSlack.get("text").asText());
        JsonNode resolvedCard = receiver.bodies("/teams").get(2).get("attachments").get(0).get("content");
        ReceiverSchemas.assertValid(ReceiverSchemas.TEAMS, receiver.bodies("/teams").get(2));
        assertEquals("Good", resolvedCard.at("/body/0/color").asText());

        String firstDelivery = RequestAs.admin().get("/subscriptions/" + pagerDuty + "/deliveries?size=10").then()
                .statusCode(200).extract().jsonPath().getList("items.id", String.class).get(2);
        RequestAs.admin().post("/subscriptions/" + pagerDuty + "/deliveries/" + firstDelivery + "/replay")
                .then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.bodies("/pagerduty").size() == 5);
        assertEquals(trigger(alert, title, alertId), receiver.bodies("/pagerduty").get(4),
                "a replay sends the trigger again");
        RequestAs.admin().get("/subscriptions/" + webhook).then().statusCode(200).body("receiver", equalTo("WEBHOOK"));
    }

    private List<Integer> counts(String... paths) {
        return java.util.Arrays.stream(paths).map(path -> receiver.bodies(path).size()).toList();
    }

    private static JsonNode alert(String alertId) {
        try {
            return TestData.JSON.readTree(RequestAs.admin().get("/alerts/" + alertId).then().statusCode(200)
                    .extract().asString());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<Object> deliveryOutcome(String subscription) {
        JsonPath log = RequestAs.admin().get("/subscriptions/" + subscription + "/deliveries").then().statusCode(200)
                .extract().jsonPath();
        return List.of(log.getString("items[0].status"), log.getInt("items[0].attempts"),
                log.getInt("items[0].lastStatus"));
    }

    private String subscribe(String kind, String url, String measure, String routingKey) {
        ObjectNode body = TestData.JSON.createObjectNode().put("receiver", kind).put("url", url);
        body.putArray("measures").add(measure);
        if (routingKey != null) {
            body.put("routingKey", routingKey);
        }
        return RequestAs.admin().contentType("application/json").body(body.toString())
                .when().post("/subscriptions").then().statusCode(201).body("receiver", equalTo(kind))
                .extract().path("id");
    }

    private static JsonNode slackMessage(String title, String text, String state, String alertId) {
        ObjectNode message = TestData.JSON.createObjectNode().put("text", title);
        var blocks = message.putArray("blocks");
        blocks.addObject().put("type", "header").putObject("text").put("type", "plain_text").put("text", title);
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", text);
        blocks.addObject().put("type", "context").putArray("elements").addObject().put("type", "mrkdwn")
                .put("text", "*Period* 2026-10  *Actual* 88.0  *Severity* CRITICAL  *State* " + state);
        ObjectNode button = blocks.addObject().put("type", "actions").putArray("elements").addObject()
                .put("type", "button").put("url", CONSOLE + alertId);
        button.putObject("text").put("type", "plain_text").put("text", "Open in Topline");
        return message;
    }

    private static JsonNode trigger(JsonNode alert, String title, String alertId) {
        String measure = alert.at("/measure/key").asText();
        String driver = alert.at("/driver/key").asText();
        ObjectNode event = TestData.JSON.createObjectNode().put("routing_key", ROUTING_KEY)
                .put("event_action", "trigger").put("dedup_key", alert.get("dedupKey").asText());
        ObjectNode payload = event.putObject("payload").put("summary", title)
                .put("source", "topline/" + driver + "/" + measure).put("severity", "critical")
                .put("timestamp", Instant.parse(alert.at("/transitions/0/at").asText()).truncatedTo(ChronoUnit.MILLIS)
                        .toString()).put("component", measure)
                .put("group", driver).put("class", "MISSED");
        ObjectNode details = payload.putObject("custom_details").put("text", alert.get("summary").asText())
                .put("period", "2026-10").put("actual", "88.0").put("state", "FIRING");
        details.set("target", alert.get("target"));
        details.set("labels", alert.get("labels"));
        event.put("client", "Topline").put("client_url", CONSOLE + alertId);
        event.putArray("links").addObject().put("href", CONSOLE + alertId).put("text", "Open in Topline");
        return event;
    }

    private static JsonNode event(String action, String dedupKey) {
        return TestData.JSON.createObjectNode().put("routing_key", ROUTING_KEY).put("event_action", action)
                .put("dedup_key", dedupKey);
    }
}
