package io.topline.alerts.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
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

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code POST /evaluations/backtest}: proposed levels judged over a measure's last ended periods, nothing saved. */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class BacktestTest {

    /** Thursday of 2026-W48: 2026-W47 and October are the newest ended week and month, W48 and November are open. */
    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    static final Instant LONG_AGO = Instant.parse("2026-06-01T08:00:00Z");

    @Inject
    SettableClock clock;
    @Inject
    EvaluationService evaluations;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void shouldJudgeTheLastThirteenEndedWeeksWithTheProposedLevelsBesideTheCurrentStatus()
            throws JsonProcessingException {
        clock.pin(NOW);
        String key = TestData.key("new-clients");
        TestData.publishMeasure(key, TestData.key("sales"), "New clients", "COUNT", "LAST", "HIGHER_IS_BETTER",
                Cadence.WEEKLY, 1, TestData.target(1, "2026-W35", "100", "80", "WARNING", LONG_AGO));
        // W41 has no actual; W48, open, has one the backtest must not judge
        String[][] weeks = {{"2026-W35", "90"}, {"2026-W36", "130"}, {"2026-W37", "95"}, {"2026-W38", "100"},
                {"2026-W39", "110"}, {"2026-W40", "125"}, {"2026-W42", "85"}, {"2026-W43", "99"},
                {"2026-W44", "121"}, {"2026-W45", "70"}, {"2026-W46", "115"}, {"2026-W47", "60"}, {"2026-W48", "1"}};
        for (String[] week : weeks) {
            TestData.publishActual(key, Cadence.WEEKLY, "LAST", week[0], week[1], 1);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> RequestAs.viewer().queryParam("measure", key)
                .when().get("/evaluations").then().statusCode(200).body("totalItems", equalTo(13)));
        evaluations.closePeriods(key);

        // the body leaves periods out: 13 by default
        String body = backtest(RequestAs.viewer(), "{\"measure\":\"" + key + "\",\"successLevel\":120,"
                + "\"failureLevel\":100}").statusCode(200).extract().asString();

        ObjectNode expected = response(key, "WEEKLY", 13, 3, 2, 7, 1,
                "would have missed 7 of the last 13 weeks (met 3, at risk 2, no data 1)");
        ArrayNode results = expected.putArray("periodsResults");
        results.add(result("2026-W35", "90", "MISSED", "AT_RISK"));
        results.add(result("2026-W36", "130", "MET", "MET"));
        results.add(result("2026-W37", "95", "MISSED", "AT_RISK"));
        results.add(result("2026-W38", "100", "MISSED", "MET"));
        results.add(result("2026-W39", "110", "AT_RISK", "MET"));
        results.add(result("2026-W40", "125", "MET", "MET"));
        results.add(result("2026-W41", null, "NO_DATA", "NO_DATA"));
        results.add(result("2026-W42", "85", "MISSED", "AT_RISK"));
        results.add(result("2026-W43", "99", "MISSED", "AT_RISK"));
        results.add(result("2026-W44", "121", "MET", "MET"));
        results.add(result("2026-W45", "70", "MISSED", "MISSED"));
        results.add(result("2026-W46", "115", "AT_RISK", "MET"));
        results.add(result("2026-W47", "60", "MISSED", "MISSED"));
        assertEquals(expected, TestData.JSON.readTree(body));
        // nothing was saved: the suite still judges with its own target
        RequestAs.viewer().queryParam("measure", key).queryParam("period", "2026-W38").when().get("/evaluations")
                .then().statusCode(200).body("items[0].status", equalTo("MET"))
                .body("items[0].target.successLevel", equalTo(100));
    }

    @Test
    void shouldJudgeALowerIsBetterMeasureWithoutATargetAndGiveNoCurrentStatus() throws JsonProcessingException {
        clock.pin(NOW);
        String key = TestData.key("days-to-close");
        TestData.publishMeasure(key, TestData.key("sales"), "Days to close", "DAYS", "MAX", "LOWER_IS_BETTER",
                Cadence.WEEKLY, 1);
        String[][] weeks = {{"2026-W44", "4"}, {"2026-W45", "7"}, {"2026-W46", "12"}, {"2026-W47", "10"}};
        for (String[] week : weeks) {
            TestData.publishActual(key, Cadence.WEEKLY, "MAX", week[0], week[1], 1);
        }
        String request = "{\"measure\":\"" + key + "\",\"successLevel\":5,\"failureLevel\":10,\"periods\":4}";
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> backtest(RequestAs.admin(), request)
                .statusCode(200).body("noData", equalTo(0)));

        ObjectNode expected = response(key, "WEEKLY", 4, 1, 1, 2, 0,
                "would have missed 2 of the last 4 weeks (met 1, at risk 1)");
        ArrayNode results = expected.putArray("periodsResults");
        results.add(result("2026-W44", "4", "MET", null));
        results.add(result("2026-W45", "7", "AT_RISK", null));
        results.add(result("2026-W46", "12", "MISSED", null));
        results.add(result("2026-W47", "10", "MISSED", null));
        assertEquals(expected, TestData.JSON.readTree(backtest(RequestAs.admin(), request).statusCode(200)
                .extract().asString()));
    }

    @Test
    void shouldJudgeAnAccumulatingMonthlyMeasureOnItsWholeMonthTotalAndSayMonths() throws JsonProcessingException {
        clock.pin(NOW);
        String key = TestData.key("bookings");
        TestData.publishMeasure(key, TestData.key("sales"), "Bookings", "NUMBER", "SUM", "HIGHER_IS_BETTER",
                Cadence.MONTHLY, 1, TestData.target(1, "2026-08", "100", "50", "CRITICAL", LONG_AGO));
        // published as averages (50 over 4 measurements); the measure sums them, so each month's total is 200 or so
        String[][] months = {{"2026-08", "200"}, {"2026-09", "240"}, {"2026-10", "160"}};
        for (String[] month : months) {
            BigDecimal sum = new BigDecimal(month[1]);
            TestData.publishActual(key, Cadence.MONTHLY, "AVERAGE", month[0], 1,
                    new TestData.Figures(sum.divide(BigDecimal.valueOf(4)), 4, sum, BigDecimal.ONE, BigDecimal.TEN,
                            BigDecimal.TEN), Instant.now());
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> RequestAs.viewer().queryParam("measure", key)
                .when().get("/evaluations").then().statusCode(200).body("totalItems", equalTo(3)));

        String body = backtest(RequestAs.viewer(), "{\"measure\":\"" + key + "\",\"successLevel\":150,"
                + "\"failureLevel\":120,\"periods\":3}").statusCode(200).extract().asString();

        ObjectNode expected = response(key, "MONTHLY", 3, 3, 0, 0, 0, "would have met all of the last 3 months");
        ArrayNode results = expected.putArray("periodsResults");
        results.add(result("2026-08", "200", "MET", "MET"));
        results.add(result("2026-09", "240", "MET", "MET"));
        results.add(result("2026-10", "160", "MET", "MET"));
        assertEquals(expected, TestData.JSON.readTree(body));
    }

    @Test
    void shouldAnswerProblemsForAnUnknownMeasureLevelsOnTheWrongSideAndLevelsOutOfBounds() {
        clock.pin(NOW);
        String unknown = TestData.key("nobody");
        backtest(RequestAs.viewer(), "{\"measure\":\"" + unknown + "\",\"successLevel\":1,\"failureLevel\":0}")
                .statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("https://topline.dev/problems/not-found"))
                .body("detail", equalTo("Measure '" + unknown + "' does not exist"));

        String higher = TestData.key("win-rate");
        String lower = TestData.key("churn");
        TestData.publishMeasure(higher, TestData.key("sales"), "Win rate", "PERCENT", "LAST", "HIGHER_IS_BETTER",
                Cadence.WEEKLY, 1);
        TestData.publishMeasure(lower, TestData.key("service"), "Churn", "PERCENT", "LAST", "LOWER_IS_BETTER",
                Cadence.WEEKLY, 1);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> backtest(RequestAs.viewer(), "{\"measure\":\""
                + higher + "\",\"successLevel\":30,\"failureLevel\":40.5}").statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://topline.dev/problems/unprocessable"))
                .body("violations", hasSize(1))
                .body("violations[0].field", equalTo("failureLevel"))
                .body("violations[0].message", equalTo("For a HIGHER_IS_BETTER measure failure is the low side: "
                        + "failureLevel 40.5 must be at or below successLevel 30")));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> backtest(RequestAs.viewer(), "{\"measure\":\""
                + lower + "\",\"successLevel\":5,\"failureLevel\":2}").statusCode(422)
                .body("violations[0].field", equalTo("failureLevel"))
                .body("violations[0].message", equalTo("For a LOWER_IS_BETTER measure failure is the high side: "
                        + "failureLevel 2 must be at or above successLevel 5")));

        backtest(RequestAs.viewer(), "{\"measure\":\"" + higher + "\",\"successLevel\":1e16,\"failureLevel\":1}")
                .statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://topline.dev/problems/validation"))
                .body("violations[0].field", equalTo("successLevel"))
                .body("violations[0].message", equalTo("must be at most 10^15"));
        backtest(RequestAs.viewer(), "{\"measure\":\"" + higher + "\",\"successLevel\":1,\"failureLevel\":-2e15}")
                .statusCode(400).body("violations[0].field", equalTo("failureLevel"))
                .body("violations[0].message", equalTo("must be at least -10^15"));
        backtest(RequestAs.viewer(), "{\"measure\":\"" + higher + "\",\"successLevel\":1,\"failureLevel\":0,"
                + "\"periods\":105}").statusCode(400).body("violations[0].field", equalTo("periods"));
        backtest(RequestAs.viewer(), "{\"measure\":\"" + higher + "\",\"successLevel\":1,\"failureLevel\":0,"
                + "\"periods\":0}").statusCode(400).body("violations[0].field", equalTo("periods"));
        backtest(RequestAs.viewer(), "{\"successLevel\":1,\"failureLevel\":0}")
                .statusCode(400).body("violations[0].field", equalTo("measure"));
    }

    @Test
    void shouldAllowViewersAndAdminsButNotTheIngestRole() {
        clock.pin(NOW);
        String key = TestData.key("pipeline");
        TestData.publishMeasure(key, TestData.key("sales"), "Pipeline", "NUMBER", "SUM", "HIGHER_IS_BETTER",
                Cadence.QUARTERLY, 1);
        String request = "{\"measure\":\"" + key + "\",\"successLevel\":10,\"failureLevel\":5,\"periods\":4}";
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> backtest(RequestAs.viewer(), request)
                .statusCode(200).body("summary", equalTo("has no data for any of the last 4 quarters")));
        backtest(RequestAs.admin(), request).statusCode(200).body("noData", equalTo(4));
        backtest(RequestAs.ingest(), request).statusCode(403).contentType("application/problem+json");
        backtest(RequestAs.oncall(), request).statusCode(403).contentType("application/problem+json");
    }

    private static ValidatableResponse backtest(RequestSpecification as, String body) {
        return as.contentType("application/json").body(body).when().post("/evaluations/backtest").then();
    }

    @SuppressWarnings("java:S107")
    private static ObjectNode response(String measure, String cadence, int periods, int met, int amber, int missed,
                                       int noData, String summary) {
        ObjectNode response = TestData.JSON.createObjectNode();
        response.put("measure", measure);
        response.put("cadence", cadence);
        response.put("periods", periods);
        response.put("met", met);
        response.put("amber", amber);
        response.put("missed", missed);
        response.put("noData", noData);
        response.put("summary", summary);
        return response;
    }

    private static ObjectNode result(String period, String actual, String status, String currentStatus)
            throws JsonProcessingException {
        ObjectNode result = TestData.JSON.createObjectNode();
        result.put("period", period);
        if (actual == null) {
            result.putNull("actual");
        } else {
            // read as the response is read: 90 an integer, 88.0 a decimal with its scale
            result.set("actual", TestData.JSON.readTree(actual));
        }
        result.put("status", status);
        result.put("currentStatus", currentStatus);
        return result;
    }
}
