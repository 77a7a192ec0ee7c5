package io.topline.alerts.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import io.topline.alerts.FiscalCalendarProfile;
import io.topline.alerts.TestData;
import io.topline.alerts.period.Cadence;
import io.topline.chassis.calendar.FiscalCalendar;
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

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Evaluations and the period close in a calendar of Berlin time, Sunday weeks and a fiscal year from April. */
@QuarkusTest
@TestProfile(FiscalCalendarProfile.class)
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class FiscalCalendarEvaluationTest {

    /** Thursday 26 November 2026: Sunday week 2026-W47 (22 to 28 November) and fiscal 2027-Q3 are open. */
    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    @Inject
    SettableClock clock;
    @Inject
    EvaluationService evaluations;
    @Inject
    FiscalCalendar calendar;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void shouldJudgeAClosedFiscalQuarterAndFireItsMiss() {
        clock.pin(NOW);
        String key = TestData.key("nrr");
        TestData.publishMeasure(key, TestData.key("finance"), "Net revenue retention", "PERCENT", "LAST",
                "HIGHER_IS_BETTER", Cadence.QUARTERLY, 1, TestData.target(1, "2027-Q2", "110", "100", "CRITICAL",
                        Instant.parse("2026-06-01T08:00:00Z")));
        // fiscal 2027-Q2 is July to September 2026, closed; the same label of calendar quarters lies in 2027
        BigDecimal value = new BigDecimal("96");
        TestData.publishActual(calendar, key, Cadence.QUARTERLY, "LAST", "2027-Q2", 1,
                new TestData.Figures(value, 1, value, value, value, value), NOW.minusSeconds(600));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> evaluation(key, "2027-Q2")
                .body("items[0].status", equalTo("MISSED")).body("items[0].state", equalTo("FINAL")));
        evaluation(key, "2027-Q2")
                .body("items[0].periodStart", equalTo("2026-06-30T22:00:00Z"))
                .body("items[0].periodEnd", equalTo("2026-09-30T22:00:00Z"));
        List<JsonNode> events = TestData.alertEvents(key, found -> !found.isEmpty());
        assertEquals(List.of(key + ":2027-Q2:MISSED"),
                events.stream().map(event -> event.get("data").get("dedupKey").asText()).toList());
    }

    @Test
    void shouldCloseTheSundayWeekAndRaiseNoDataForIt() {
        clock.pin(NOW);
        String key = TestData.key("mql");
        // set on Monday 16 November, inside Sunday week 2026-W46 (15 to 21 November): W46 is the only week that
        // closed while the target existed (ISO weeks would call it 2026-W47)
        TestData.publishMeasure(key, TestData.key("marketing"), "Marketing-qualified leads", "COUNT", "COUNT",
                "HIGHER_IS_BETTER", Cadence.WEEKLY, 1, TestData.target(1, "2026-W40", "50", "30", "WARNING",
                        Instant.parse("2026-11-16T09:00:00Z")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            evaluations.closePeriods(key);
            evaluation(key, "2026-W46").body("items[0].status", equalTo("NO_DATA"));
        });
        evaluations.closePeriods(key);

        RequestAs.viewer().queryParam("measure", key).when().get("/evaluations")
                .then().statusCode(200)
                .body("totalItems", equalTo(1))
                .body("items[0].period", equalTo("2026-W46"))
                .body("items[0].periodStart", equalTo("2026-11-14T23:00:00Z"))
                .body("items[0].periodEnd", equalTo("2026-11-21T23:00:00Z"))
                .body("items[0].state", equalTo("FINAL"));
    }

    private static ValidatableResponse evaluation(String measure, String period) {
        return RequestAs.viewer().queryParam("measure", measure).queryParam("period", period)
                .when().get("/evaluations").then().statusCode(200).body("items", hasSize(1));
    }
}
