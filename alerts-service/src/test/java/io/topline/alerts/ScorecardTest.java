package io.topline.alerts;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
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
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class ScorecardTest {


    @Inject
    SettableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void shouldReturnMeasuresInRevenueFlowOrderWithTheirPeriodsProjectionTrailingAndMisses() {
        clock.pin(Instant.parse("2026-11-25T12:00:00Z"));
        // marketing feeds sales, sales feeds service; keys sort the other way round, so only the flow orders them
        String marketing = "z" + TestData.key("marketing");
        String sales = "m" + TestData.key("sales");
        String service = "a" + TestData.key("service");
        TestData.publishDriver(service, "Service", "SERVICE", 1);
        TestData.publishDriver(sales, "Sales", "SALES", 1, service);
        TestData.publishDriver(marketing, "Marketing", "MARKETING", 1, sales);
        String leads = TestData.key("mql");
        String clients = TestData.key("new-clients");
        String tickets = TestData.key("tickets");
        Instant set = Instant.parse("2026-10-01T08:00:00Z");
        TestData.publishMeasure(tickets, service, "Open tickets", "COUNT", "LAST", "LOWER_IS_BETTER", Cadence.WEEKLY,
                1, TestData.target(1, "2026-W40", "10", "20", "INFO", set));
        TestData.publishMeasure(clients, sales, "New clients", "COUNT", "SUM", "HIGHER_IS_BETTER", Cadence.WEEKLY,
                1, TestData.target(1, "2026-W40", "10", "5", "WARNING", set));
        TestData.publishMeasure(leads, marketing, "Marketing-qualified leads", "COUNT", "SUM", "HIGHER_IS_BETTER",
                Cadence.WEEKLY, 1, TestData.target(1, "2026-W40", "100", "60", "CRITICAL", set));
        TestData.publishActual(leads, Cadence.WEEKLY, "SUM", "2026-W46", "120", 1);
        TestData.publishActual(leads, Cadence.WEEKLY, "SUM", "2026-W47", "50", 1);
        TestData.publishActual(leads, Cadence.WEEKLY, "SUM", "2026-W48", "40", 1);
        TestData.publishActual(tickets, Cadence.WEEKLY, "LAST", "2026-W47", "12", 1);
        TestData.publishActual(tickets, Cadence.WEEKLY, "LAST", "2026-W48", "8", 1);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> RequestAs.viewer()
                .queryParam("measure", leads).queryParam("period", "2026-W48").when().get("/evaluations")
                .then().statusCode(200).body("items[0].status", equalTo("MET")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> RequestAs.viewer()
                .queryParam("measure", tickets).queryParam("period", "2026-W48").when().get("/evaluations")
                .then().statusCode(200).body("items[0].status", equalTo("MET")));

        JsonPath scorecard = RequestAs.viewer()
                .queryParam("cadence", "WEEKLY").queryParam("periods", 3)
                .when().get("/scorecard")
                .then().statusCode(200)
                .body("cadence", equalTo("WEEKLY"))
                .body("currentPeriod", equalTo("2026-W48"))
                .body("periods", contains("2026-W46", "2026-W47", "2026-W48"))
                .extract().jsonPath();
        List<String> keys = scorecard.getList("measures.key");
        List<String> mine = keys.stream().filter(k -> k.equals(leads) || k.equals(clients) || k.equals(tickets)).toList();
        assertEquals(List.of(leads, clients, tickets), mine, "marketing, then sales, then service");

        Map<String, Object> row = scorecard.getMap("measures.find { it.key == '" + leads + "' }");
        assertEquals("Marketing-qualified leads", row.get("name"));
        assertEquals(Map.of("key", marketing, "name", "Marketing", "function", "MARKETING", "owner", "owner@example.com",
                "flowPosition", scorecard.getInt("measures.find { it.key == '" + leads + "' }.driver.flowPosition")),
                row.get("driver"));
        assertEquals("owner@example.com", row.get("owner"));
        assertEquals("COUNT", row.get("unit"));
        assertEquals(Map.of("version", 1, "effectiveFrom", "2026-W40", "successLevel", 100, "failureLevel", 60,
                "severity", "CRITICAL"), row.get("target"));
        assertEquals(List.of(
                Map.of("period", "2026-W46", "actual", 120, "status", "MET", "state", "FINAL"),
                Map.of("period", "2026-W47", "actual", 50, "status", "MISSED", "state", "FINAL"),
                Map.of("period", "2026-W48", "actual", 40, "status", "MET", "state", "PROVISIONAL")), row.get("periods"));
        assertEquals(112, row.get("projection"));
        assertEquals(Map.of("kind", "TOTAL", "value", 210, "periodsWithData", 3), row.get("trailing"));
        assertEquals(1, row.get("misses"));

        Map<String, Object> clientsRow = scorecard.getMap("measures.find { it.key == '" + clients + "' }");
        List<Map<String, Object>> clientCells = (List<Map<String, Object>>) clientsRow.get("periods");
        assertTrue(clientCells.stream().allMatch(c -> c.get("actual") == null), "no data is null, never zero");
        assertNull(((Map<?, ?>) clientsRow.get("trailing")).get("value"));

        Map<String, Object> ticketsRow = scorecard.getMap("measures.find { it.key == '" + tickets + "' }");
        assertEquals(Map.of("kind", "AVERAGE", "value", 10, "periodsWithData", 2), ticketsRow.get("trailing"));
        assertEquals(8, ticketsRow.get("projection"));

        RequestAs.viewer().queryParam("cadence", "DAILY").when().get("/scorecard")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("cadence"));
    }
}
