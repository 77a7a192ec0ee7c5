package io.topline.alerts.escalation;

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
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An escalation policy over the real database and pipeline (injected clock): each step notifies its targets once,
 * when it falls due for a firing nobody acknowledged (the measure's owner through their contact route, a named
 * receiver; both route-only), records targets without a route, and an acknowledgement, told to them too, stops the
 * steps still to come.
 */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class EscalationTest {

    /** Thursday 26 November 2026, 12:00 UTC: October is closed and past its grace time. */
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    @Inject
    SettableClock clock;
    @Inject
    EscalationService escalations;

    LocalReceiver receiver;

    @BeforeEach
    void start() throws IOException {
        clock.pin(NOW);
        receiver = new LocalReceiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
        clock.reset();
    }

    @Test
    void shouldTakeEachDueStepOnceThroughOwnersRoutesAndStopAtTheAcknowledgement() {
        String key = TestData.key("escalate");
        String team = subscribe("/team", key);
        String owner = route("/owner");
        String boss = route("/boss");
        RequestAs.admin().contentType("application/json")
                .body(Map.of("name", "Owner Person", "routes", List.of(owner)))
                .when().put("/contacts/Owner@Example.com").then().statusCode(200)
                .body("email", equalTo("owner@example.com")).body("routes", equalTo(List.of(owner)));
        String policy = RequestAs.admin().contentType("application/json")
                .body(Map.of("name", "Retention", "measures", List.of(key), "steps", List.of(
                        Map.of("after", "PT15M", "targets", List.of("measure-owner")),
                        Map.of("after", "PT1H", "targets", List.of("subscription:" + boss, "person:nobody@example.com")),
                        Map.of("after", "PT3H", "targets", List.of("subscription:" + boss)))))
                .when().post("/escalation-policies").then().statusCode(201)
                .body("steps.after", equalTo(List.of("PT15M", "PT1H", "PT3H"))).extract().path("id");

        TestData.retentionWithOctoberActual(key, TestData.key("service"), "88.0");
        await().atMost(Duration.ofSeconds(30)).until(() -> paths().equals(List.of("/team")));
        String alertId = receiver.requests().get(0).body().get("data").get("alertId").asText();
        TestData.awaitSucceeded(team, 1);

        clock.pin(NOW.plus(Duration.ofMinutes(14)));
        assertEquals(0, escalations.escalate(), "the first step is due after 15 minutes");
        clock.pin(NOW.plus(Duration.ofMinutes(16)));
        assertEquals(1, escalations.escalate());
        assertEquals(0, escalations.escalate(), "each step once");
        // a clock jump makes the retries other tests left pending due at once: the step may queue behind them
        await().atMost(Duration.ofSeconds(60)).until(() -> paths().equals(List.of("/team", "/owner")));
        assertEquals(alertId + "-escalation-1-0", receiver.requests().get(1).header("webhook-id"));
        TestData.awaitSucceeded(owner, 1);

        clock.pin(NOW.plus(Duration.ofMinutes(61)));
        assertEquals(1, escalations.escalate());
        await().atMost(Duration.ofSeconds(60)).until(() -> paths().equals(List.of("/team", "/owner", "/boss")));
        assertEquals("topline.alert.fired", receiver.requests().get(2).body().get("type").asText());
        TestData.awaitSucceeded(boss, 1);

        RequestAs.oncall().contentType("application/json").body("{\"comment\":\"on it\"}")
                .when().post("/alerts/" + alertId + "/acknowledge").then().statusCode(200);
        // the acknowledgement reaches whoever the escalation told, though route-only receivers want nothing
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.requests("/owner").size() == 2
                && receiver.requests("/boss").size() == 2);
        assertEquals("topline.alert.acknowledged", receiver.bodies("/boss").get(1).get("type").asText());
        TestData.awaitSucceeded(boss, 2);
        clock.pin(NOW.plus(Duration.ofHours(4)));
        assertEquals(0, escalations.escalate(), "an acknowledged alert escalates no further");

        JsonPath plan = RequestAs.viewer().when().get("/alerts/" + alertId + "/escalation")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(policy), plan.getList("policies.policyId"));
        assertEquals(List.of(List.of(owner), List.of(boss), List.of()), plan.getList("policies[0].steps.recipients"));
        assertEquals(List.of(List.of(), List.of("person:nobody@example.com"), List.of()),
                plan.getList("policies[0].steps.unreached"));
        assertEquals(List.of(NOW.plus(Duration.ofMinutes(16)).toString(), NOW.plus(Duration.ofMinutes(61)).toString()),
                plan.getList("policies[0].steps.takenAt").subList(0, 2));
        assertEquals(null, plan.getList("policies[0].steps.takenAt").get(2));
    }

    @Test
    void shouldRefuseStepsOutOfOrderMalformedTargetsAndUnknownReceivers() {
        RequestAs.admin().contentType("application/json")
                .body(Map.of("name", "Backwards", "steps", List.of(Map.of("after", "PT1H", "targets", List.of("driver-owner")),
                        Map.of("after", "PT10M", "targets", List.of("measure-owner")))))
                .when().post("/escalation-policies").then().statusCode(422)
                .body("violations[0].field", equalTo("steps[1].after"));
        RequestAs.admin().contentType("application/json")
                .body(Map.of("name", "Bad", "steps", List.of(Map.of("after", "PT1H", "targets", List.of("the boss")))))
                .when().post("/escalation-policies").then().statusCode(400);
        RequestAs.admin().contentType("application/json")
                .body(Map.of("name", "Unknown", "steps", List.of(Map.of("after", "PT1H",
                        "targets", List.of("subscription:00000000-0000-0000-0000-000000000001")))))
                .when().post("/escalation-policies").then().statusCode(422);
        RequestAs.viewer().when().get("/escalation-policies").then().statusCode(403);
        RequestAs.admin().contentType("application/json")
                .body("{\"url\":\"http://127.0.0.1:9/hook\",\"routeOnly\":true,\"measures\":[\"leads\"]}")
                .when().post("/subscriptions").then().statusCode(422)
                .body("violations[0].field", equalTo("routeOnly"));
    }

    private List<String> paths() {
        return receiver.requests().stream().map(LocalReceiver.Request::path).toList();
    }

    /** A route-only receiver: it hears only what contact routes and escalation steps send it. */
    private String route(String path) {
        return RequestAs.admin().contentType("application/json")
                .body("{\"url\":\"" + receiver.url(path) + "\",\"routeOnly\":true}")
                .when().post("/subscriptions").then().statusCode(201).body("routeOnly", equalTo(true))
                .extract().path("id");
    }

    private String subscribe(String path, String measure) {
        String url = receiver.url(path);
        return RequestAs.admin().contentType("application/json")
                .body("{\"url\":\"" + url + "\",\"measures\":[\"" + measure + "\"]}")
                .when().post("/subscriptions").then().statusCode(201).extract().path("id");
    }
}
