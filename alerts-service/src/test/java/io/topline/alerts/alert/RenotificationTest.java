package io.topline.alerts.alert;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.topline.alerts.LocalReceiver;
import io.topline.alerts.TestData;
import io.topline.chassis.time.SettableClock;
import io.topline.testinfra.RequestAs;
import io.topline.testinfra.TestTokens;
import io.topline.testinfra.ToplineInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * A subscription with a repeat interval is told again of a FIRING alert nobody acknowledged, once per interval and
 * under a new webhook-id; an acknowledgement ends the repeats, and a subscription without an interval is told once.
 * An acknowledgement nobody resolves within the timeout fires the alert again.
 */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class RenotificationTest {

    /** Thursday 26 November 2026, 12:00 UTC: October is closed and past its grace time. */
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    @Inject
    SettableClock clock;
    @Inject
    RenotifySweep sweep;

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
    void shouldTellAgainEveryIntervalUntilSomeoneAcknowledges() {
        String key = TestData.key("repeat");
        String hourly = subscribe("/hourly", key, "PT1H");
        String once = subscribe("/once", key, null);
        TestData.retentionWithOctoberActual(key, TestData.key("service"), "88.0");
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.requests().size() == 2);
        String alertId = receiver.requests().get(0).body().get("data").get("alertId").asText();
        String firstId = receiver.requests("/hourly").get(0).header("webhook-id");
        TestData.awaitSucceeded(hourly, 1);
        TestData.awaitSucceeded(once, 1);

        clock.pin(NOW.plus(Duration.ofMinutes(59)));
        assertEquals(0, sweep.sweep(), "not due before the interval");
        clock.pin(NOW.plus(Duration.ofMinutes(61)));
        assertEquals(1, sweep.sweep());
        assertEquals(0, sweep.sweep(), "told again once per interval");
        // the hour's jump makes every retry other tests left pending due at once, and the repeat queues behind them
        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.requests().size() == 3);
        LocalReceiver.Request repeat = receiver.requests().get(2);
        assertEquals("/hourly", repeat.path());
        assertEquals(alertId + "-repeat-1-1", repeat.header("webhook-id"), "first firing, first repeat");
        assertNotEquals(firstId, repeat.header("webhook-id"));
        assertEquals(List.of("topline.alert.fired", key + ":2026-10:MISSED", "FIRING"),
                List.of(repeat.body().get("type").asText(), repeat.body().get("data").get("dedupKey").asText(),
                        repeat.body().get("data").get("state").asText()));

        RequestAs.oncall().contentType("application/json").body("{\"comment\":\"on it\"}")
                .when().post("/alerts/" + alertId + "/acknowledge").then().statusCode(200)
                .body("state", equalTo("ACKNOWLEDGED"));
        clock.pin(NOW.plus(Duration.ofHours(5)));
        assertEquals(0, sweep.sweep(), "an acknowledged alert is not repeated");
    }

    @Test
    void shouldFireAgainAnAcknowledgementNobodyResolvedWithinTheTimeout() {
        String key = TestData.key("ack-timeout");
        String oncall = subscribe("/oncall", key, null);
        TestData.retentionWithOctoberActual(key, TestData.key("service"), "88.0");
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.requests().size() == 1);
        String alertId = receiver.requests().get(0).body().get("data").get("alertId").asText();
        RequestAs.user("olga@example.com", TestTokens.ONCALL).contentType("application/json")
                .body("{\"comment\":\"looking\"}").when().post("/alerts/" + alertId + "/acknowledge")
                .then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.requests().size() == 2);
        TestData.awaitSucceeded(oncall, 2);

        clock.pin(NOW.plus(Duration.ofDays(7)).minus(Duration.ofMinutes(1)));
        sweep.reopenTimedOut();
        RequestAs.viewer().when().get("/alerts/" + alertId).then().statusCode(200).body("state", equalTo("ACKNOWLEDGED"));
        clock.pin(NOW.plus(Duration.ofDays(7)).plus(Duration.ofMinutes(1)));
        sweep.reopenTimedOut();
        RequestAs.viewer().when().get("/alerts/" + alertId).then().statusCode(200).body("state", equalTo("FIRING"));

        // the week's jump makes every retry other tests left pending due at once, and the firing queues behind them
        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.requests().size() == 3);
        JsonNode again = receiver.requests().get(2).body();
        assertEquals(List.of("topline.alert.fired", "FIRING", "ACKNOWLEDGED",
                        "acknowledgement by olga@example.com timed out after P7D without a resolve"),
                List.of(again.get("type").asText(), again.get("data").get("state").asText(),
                        again.get("data").get("transition").get("from").asText(),
                        again.get("data").get("transition").get("comment").asText()));
        assertEquals(0, sweep.reopenTimedOut(), "fires again once");
    }

    @Test
    void shouldRefuseARepeatIntervalThatIsNotADurationOrOutOfBounds() {
        for (String interval : List.of("hourly", "PT1M", "P8D")) {
            RequestAs.admin().contentType("application/json")
                    .body("{\"url\":\"http://127.0.0.1:9/hook\",\"repeatInterval\":\"" + interval + "\"}")
                    .when().post("/subscriptions")
                    .then().statusCode(interval.equals("hourly") ? 400 : 422).contentType("application/problem+json")
                    .body("violations[0].field", equalTo("repeatInterval"));
        }
        RequestAs.admin().contentType("application/json")
                .body("{\"url\":\"http://127.0.0.1:9/hook\",\"repeatInterval\":\"PT4H\"}")
                .when().post("/subscriptions")
                .then().statusCode(201).body("repeatInterval", equalTo("PT4H"));
    }

    private String subscribe(String path, String measure, String repeatInterval) {
        String url = receiver.url(path);
        String repeat = repeatInterval == null ? "" : ",\"repeatInterval\":\"" + repeatInterval + "\"";
        return RequestAs.admin().contentType("application/json")
                .body("{\"url\":\"" + url + "\",\"measures\":[\"" + measure + "\"]" + repeat + "}")
                .when().post("/subscriptions").then().statusCode(201).extract().path("id");
    }
}
