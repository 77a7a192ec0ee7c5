package io.topline.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.topline.alerts.alert.SettleChecker;
import io.topline.alerts.alert.SettleTimes;
import io.topline.alerts.evaluation.EvaluationService;
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

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class EvaluationAlertTest {

    /** Thursday of 2026-W48, in November 2026: October and 2026-W47 are closed, W48 and November are open. */
    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    @Inject
    SettableClock clock;
    @Inject
    EvaluationService evaluations;
    @Inject
    SettleTimes settleTimes;
    @Inject
    SettleChecker settleChecker;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void shouldFireExactlyOneMissedAlertForAClosedPeriodAtFailureAndNoneForMet() {
        clock.pin(NOW);
        String driver = TestData.key("service");
        String met = TestData.key("retention-met");
        String missed = TestData.key("retention");
        TestData.publishDriver(driver, "Service", "SERVICE", 1);
        for (String key : List.of(met, missed)) {
            TestData.publishMeasure(key, driver, "Client retention", "PERCENT", "LAST", "HIGHER_IS_BETTER",
                    Cadence.MONTHLY, 1, TestData.target(1, "2026-10", "95", "90", "CRITICAL",
                            Instant.parse("2026-09-20T08:00:00Z")));
        }
        TestData.publishActual(met, Cadence.MONTHLY, "LAST", "2026-10", "96.5", 1);
        TestData.publishActual(missed, Cadence.MONTHLY, "LAST", "2026-10", "88.0", 1);
        // the first final evaluation must exist before the later changes: the two topics are read independently, so
        // a measure that arrived after all its actuals would be judged once, FINAL, and never revised
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> evaluation(missed, "2026-10")
                .body("items[0].actual", equalTo(88.0f)).body("items[0].state", equalTo("FINAL")));
        // a flood of updates for one miss, replays and an older revision arriving late
        TestData.publishActual(missed, Cadence.MONTHLY, "LAST", "2026-10", "89", 2);
        TestData.publishActual(missed, Cadence.MONTHLY, "LAST", "2026-10", "88.0", 3);
        TestData.publishActual(missed, Cadence.MONTHLY, "LAST", "2026-10", "88.0", 3);
        TestData.publishActual(missed, Cadence.MONTHLY, "LAST", "2026-10", "50", 2);

        // 88.0 then 89 then 88.0 again after the period closed: later changes revise the final evaluation
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> evaluation(missed, "2026-10")
                .body("items[0].actual", equalTo(88.0f)).body("items[0].state", equalTo("REVISED")));
        evaluation(met, "2026-10").body("items[0].status", equalTo("MET")).body("items[0].state", equalTo("FINAL"));
        evaluation(missed, "2026-10")
                .body("items[0].status", equalTo("MISSED"))
                .body("items[0].state", equalTo("REVISED"))
                .body("items[0].projection", nullValue())
                .body("items[0].target.version", equalTo(1))
                .body("items[0].target.successLevel", equalTo(95))
                .body("items[0].target.failureLevel", equalTo(90));

        List<JsonNode> events = TestData.alertEvents(missed, found -> !found.isEmpty());
        assertEquals(1, events.size(), "one alert per miss, however many updates: " + events);
        JsonNode event = events.get(0);
        assertEquals("topline.alert.fired", event.get("type").asText());
        assertEquals(missed + ":2026-10:MISSED", event.get("subject").asText());
        JsonNode data = event.get("data");
        assertEquals("FIRING", data.get("state").asText());
        assertEquals("MISSED", data.get("kind").asText());
        assertEquals("CRITICAL", data.get("severity").asText());
        assertEquals(driver, data.get("driver").get("key").asText());
        assertEquals("Service", data.get("driver").get("name").asText());
        assertEquals("88.0", data.get("actual").decimalValue().toPlainString());
        assertEquals("FINAL", data.get("evaluation").get("state").asText());
        assertEquals("Client retention 88.0% in 2026-10 is at or below the failure level 90% (success 95%)",
                data.get("summary").asText());
        assertEquals("NONE", data.get("transition").get("from").asText());
        assertEquals(1, data.get("sequence").asInt());
        assertEquals(List.of(), TestData.alertEvents(met, found -> true));

        RequestAs.viewer().queryParam("measure", met).when().get("/alerts")
                .then().statusCode(200).body("totalItems", equalTo(0)).body("items", hasSize(0));
    }

    @Test
    void shouldRaiseProjectedMissMidPeriodAndResolveWhenThePaceRecovers() {
        clock.pin(Instant.parse("2026-11-25T12:00:00Z"));
        String key = TestData.key("new-clients");
        TestData.publishMeasure(key, TestData.key("sales"), "New clients", "COUNT", "SUM", "HIGHER_IS_BETTER",
                Cadence.WEEKLY, 1, TestData.target(1, "2026-W45", "100", "80", "WARNING",
                        Instant.parse("2026-11-01T08:00:00Z")));
        // 2.5 of 7 days gone: 20 so far paces to 56, at or below the failure level 80
        TestData.publishActual(key, Cadence.WEEKLY, "SUM", "2026-W48", "20", 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> evaluation(key, "2026-W48")
                .body("items[0].status", equalTo("MISSED"))
                .body("items[0].state", equalTo("PROVISIONAL"))
                .body("items[0].projection", equalTo(56)));
        TestData.publishActual(key, Cadence.WEEKLY, "SUM", "2026-W48", "40", 2);

        List<JsonNode> events = TestData.alertEvents(key, found -> found.size() >= 2);
        assertEquals(List.of("topline.alert.fired", "topline.alert.resolved"),
                events.stream().map(e -> e.get("type").asText()).toList());
        JsonNode fired = events.get(0).get("data");
        JsonNode resolved = events.get(1).get("data");
        assertEquals("PROJECTED_MISS", fired.get("kind").asText());
        assertEquals(key + ":2026-W48:PROJECTED_MISS", fired.get("dedupKey").asText());
        assertEquals("56", fired.get("evaluation").get("projection").decimalValue().toPlainString());
        assertEquals(fired.get("alertId").asText(), resolved.get("alertId").asText());
        assertEquals("RESOLVED", resolved.get("state").asText());
        assertEquals("FIRING", resolved.get("transition").get("from").asText());
        assertEquals(2, resolved.get("sequence").asInt());
        assertEquals("MET", resolved.get("evaluation").get("status").asText());

        RequestAs.viewer().queryParam("measure", key).when().get("/alerts")
                .then().statusCode(200)
                .body("totalItems", equalTo(1))
                .body("items[0].state", equalTo("RESOLVED"))
                .body("items[0].transitions.to", contains("FIRING", "RESOLVED"))
                .body("items[0].transitions.by", contains(nullValue(), nullValue()));
    }

    @Test
    void shouldRaiseNoDataForASilentPeriodButNotForPeriodsClosedBeforeTheTargetExisted() {
        clock.pin(NOW);
        String key = TestData.key("mql");
        // set on 16 November, effective from W40: only W47 closed while the target existed
        TestData.publishMeasure(key, TestData.key("marketing"), "Marketing-qualified leads", "COUNT", "COUNT",
                "HIGHER_IS_BETTER", Cadence.WEEKLY, 1, TestData.target(1, "2026-W40", "50", "30", "WARNING",
                        Instant.parse("2026-11-16T09:00:00Z")));
        // the closing job raises NO_DATA; it runs here once the measure has arrived
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            evaluations.closePeriods(key);
            evaluation(key, "2026-W47").body("items[0].status", equalTo("NO_DATA"));
        });
        evaluations.closePeriods(key);

        RequestAs.viewer().queryParam("measure", key).when().get("/evaluations")
                .then().statusCode(200)
                .body("totalItems", equalTo(1))
                .body("items[0].period", equalTo("2026-W47"))
                .body("items[0].state", equalTo("FINAL"))
                .body("items[0].actual", nullValue());
        List<JsonNode> events = TestData.alertEvents(key, found -> !found.isEmpty());
        assertEquals(1, events.size());
        assertEquals(key + ":2026-W47:NO_DATA", events.get(0).get("data").get("dedupKey").asText());
        assertEquals("Marketing-qualified leads has no data for 2026-W47: no measurement arrived before the period closed",
                events.get(0).get("data").get("summary").asText());
    }

    @Test
    void shouldReviseANoDataEvaluationWhenLateDataArrivesAndResolveItsAlert() {
        clock.pin(NOW);
        String key = TestData.key("mql-late");
        TestData.publishMeasure(key, TestData.key("marketing"), "Marketing-qualified leads", "COUNT", "COUNT",
                "HIGHER_IS_BETTER", Cadence.WEEKLY, 1, TestData.target(1, "2026-W47", "50", "30", "WARNING",
                        Instant.parse("2026-11-16T09:00:00Z")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            evaluations.closePeriods(key);
            evaluation(key, "2026-W47").body("items[0].status", equalTo("NO_DATA"))
                    .body("items[0].state", equalTo("FINAL"));
        });

        TestData.publishActual(key, Cadence.WEEKLY, "COUNT", "2026-W47", "20", 1);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> evaluation(key, "2026-W47")
                .body("items[0].status", equalTo("MISSED"))
                .body("items[0].state", equalTo("REVISED"))
                .body("items[0].actual", equalTo(20)));
        List<JsonNode> events = TestData.alertEvents(key, found -> found.size() >= 3);
        assertEquals(List.of("NO_DATA:FIRING", "MISSED:FIRING", "NO_DATA:RESOLVED"), events.stream()
                .map(e -> e.get("data").get("kind").asText() + ":" + e.get("data").get("state").asText()).toList());
        assertEquals("REVISED", events.get(1).get("data").get("evaluation").get("state").asText());
    }

    @Test
    void shouldReviseAFinalEvaluationOnLateDataAndFireTheMiss() {
        clock.pin(NOW);
        String key = TestData.key("retention-late");
        TestData.publishMeasure(key, TestData.key("service"), "Client retention", "PERCENT", "LAST",
                "HIGHER_IS_BETTER", Cadence.MONTHLY, 1, TestData.target(1, "2026-10", "95", "90", "CRITICAL",
                        Instant.parse("2026-09-20T08:00:00Z")));
        TestData.publishActual(key, Cadence.MONTHLY, "LAST", "2026-10", "96", 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> evaluation(key, "2026-10")
                .body("items[0].status", equalTo("MET")).body("items[0].state", equalTo("FINAL")));
        TestData.publishActual(key, Cadence.MONTHLY, "LAST", "2026-10", "85", 2);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> evaluation(key, "2026-10")
                .body("items[0].status", equalTo("MISSED")).body("items[0].state", equalTo("REVISED")));

        List<JsonNode> events = TestData.alertEvents(key, found -> !found.isEmpty());
        assertEquals(1, events.size());
        assertEquals("MISSED", events.get(0).get("data").get("kind").asText());
        assertEquals("REVISED", events.get(0).get("data").get("evaluation").get("state").asText());
    }

    @Test
    void shouldFireNothingForAConditionThatClearsWithinTheSettleTimeAndFireOnceWhenItHolds() {
        Instant start = Instant.parse("2026-11-25T12:00:00Z");
        clock.pin(start);
        String cleared = TestData.key("closing-cleared");
        String held = TestData.key("closing-held");
        for (String key : List.of(cleared, held)) {
            settleTimes.override(key, Duration.ofMinutes(10));
            TestData.publishMeasure(key, TestData.key("sales"), "Deals closed", "COUNT", "SUM", "HIGHER_IS_BETTER",
                    Cadence.WEEKLY, 1, TestData.target(1, "2026-W45", "100", "80", "WARNING",
                            Instant.parse("2026-11-01T08:00:00Z")));
            TestData.publishActual(key, Cadence.WEEKLY, "SUM", "2026-W48", "20", 1);
        }
        for (String key : List.of(cleared, held)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> evaluation(key, "2026-W48")
                    .body("items[0].status", equalTo("MISSED")));
        }
        clock.pin(start.plus(Duration.ofMinutes(5)));
        TestData.publishActual(cleared, Cadence.WEEKLY, "SUM", "2026-W48", "45", 2);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> evaluation(cleared, "2026-W48")
                .body("items[0].status", equalTo("MET")));
        clock.pin(start.plus(Duration.ofMinutes(11)));
        settleChecker.check();

        assertEquals(List.of(), TestData.alertEvents(cleared, found -> true));
        List<JsonNode> events = TestData.alertEvents(held, found -> !found.isEmpty());
        assertEquals(1, events.size());
        assertEquals("PROJECTED_MISS", events.get(0).get("data").get("kind").asText());
        assertEquals(start.plus(Duration.ofMinutes(11)),
                Instant.parse(events.get(0).get("data").get("transition").get("at").asText()));
        settleChecker.check();
        assertEquals(1, TestData.alertEvents(held, found -> !found.isEmpty()).size());
    }

    static ValidatableResponse evaluation(String measure, String period) {
        return RequestAs.viewer().queryParam("measure", measure).queryParam("period", period)
                .when().get("/evaluations").then().statusCode(200).body("items", hasSize(1));
    }
}
