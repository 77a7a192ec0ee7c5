package io.topline.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.topline.alerts.evaluation.EvaluationService;
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

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Replaying the topics into the read model, and history judged again when a measure's aggregation changes. */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class RebuildTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    SettableClock clock;

    @Inject
    EvaluationService evaluations;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void shouldRecordReplayedHistoryWithoutAlertsButAlertOnDataThatIsNew() {
        clock.pin(EvaluationAlertTest.NOW);
        String key = TestData.key("retention-replayed");
        TestData.publishMeasure(key, TestData.key("service"), "Client retention", "PERCENT", "LAST",
                "HIGHER_IS_BETTER", Cadence.MONTHLY, 1, TestData.target(1, "2026-06", "95", "90", "CRITICAL",
                        Instant.parse("2026-05-20T08:00:00Z")));
        // actuals metrics-service published months ago, replayed into this fresh measure's read model
        for (String period : List.of("2026-06", "2026-07", "2026-08")) {
            TestData.publishActual(key, Cadence.MONTHLY, "LAST", period, 1, figures("80"),
                    Instant.parse(period + "-28T12:00:00Z"));
        }
        await().atMost(WAIT).untilAsserted(() -> RequestAs.viewer().queryParam("measure", key)
                .when().get("/evaluations").then().statusCode(200)
                .body("items.period", containsInAnyOrder("2026-06", "2026-07", "2026-08"))
                .body("items.status", everyItem(equalTo("MISSED")))
                .body("items.state", everyItem(equalTo("FINAL"))));
        // the closing job judges silent September and October as a rebuild too: they closed long before this store
        // saw them, and their NO_DATA alerts were raised back then (or were not)
        evaluations.closePeriods(key);
        EvaluationAlertTest.evaluation(key, "2026-09").body("items[0].status", equalTo("NO_DATA"));
        EvaluationAlertTest.evaluation(key, "2026-10").body("items[0].status", equalTo("NO_DATA"));

        // an actual metrics-service updates now is news, however old its period
        TestData.publishActual(key, Cadence.MONTHLY, "LAST", "2026-10", 1, figures("80"), Instant.now());

        List<JsonNode> events = TestData.alertEvents(key, found -> !found.isEmpty());
        assertEquals(List.of(key + ":2026-10:MISSED:FIRING"), events.stream()
                .map(e -> e.get("data").get("dedupKey").asText() + ":" + e.get("data").get("state").asText()).toList());
    }

    @Test
    void shouldJudgeHistoryAgainWithTheMeasuresNewAggregation() {
        clock.pin(EvaluationAlertTest.NOW);
        String key = TestData.key("retention-reaggregated");
        String driver = TestData.key("service");
        TestData.publishMeasure(key, driver, "Client retention", "PERCENT", "AVERAGE", "HIGHER_IS_BETTER",
                Cadence.MONTHLY, 1, octoberTarget());
        // four measurements 70, 70, 100, 100: average 85 (missed), last 100 (met)
        TestData.publishActual(key, Cadence.MONTHLY, "AVERAGE", "2026-10", 1,
                new TestData.Figures(new BigDecimal("85"), 4, new BigDecimal("340"), new BigDecimal("70"),
                        new BigDecimal("100"), new BigDecimal("100")), Instant.now());
        await().atMost(WAIT).untilAsserted(() -> EvaluationAlertTest.evaluation(key, "2026-10")
                .body("items[0].status", equalTo("MISSED")).body("items[0].actual", equalTo(85)));

        TestData.publishMeasure(key, driver, "Client retention", "PERCENT", "LAST", "HIGHER_IS_BETTER",
                Cadence.MONTHLY, 2, octoberTarget());

        await().atMost(WAIT).untilAsserted(() -> EvaluationAlertTest.evaluation(key, "2026-10")
                .body("items[0].status", equalTo("MET"))
                .body("items[0].state", equalTo("REVISED"))
                .body("items[0].actual", equalTo(100)));
        List<JsonNode> events = TestData.alertEvents(key, found -> found.size() >= 2);
        assertEquals(List.of("MISSED:FIRING", "MISSED:RESOLVED"), events.stream()
                .map(e -> e.get("data").get("kind").asText() + ":" + e.get("data").get("state").asText()).toList());
    }

    private static TestData.Figures figures(String value) {
        BigDecimal amount = new BigDecimal(value);
        return new TestData.Figures(amount, 1, amount, amount, amount, amount);
    }

    /** The one target version both revisions of the measure carry. */
    private static ObjectNode octoberTarget() {
        return TestData.target(1, "2026-10", "95", "90", "CRITICAL", Instant.parse("2026-09-20T08:00:00Z"));
    }
}
