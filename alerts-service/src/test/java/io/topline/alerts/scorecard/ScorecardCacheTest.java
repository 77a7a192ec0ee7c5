package io.topline.alerts.scorecard;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.topline.alerts.TestData;
import io.topline.alerts.period.Cadence;
import io.topline.testinfra.RequestAs;
import io.topline.testinfra.ToplineInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kept scorecard: given again while nothing changed, built afresh once any replica's write commits. */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class ScorecardCacheTest {

    @Inject
    DataSource dataSource;
    @Inject
    ScorecardCache cache;
    @Inject
    ObjectMapper json;

    @Test
    void shouldGiveTheKeptScorecardUntilAWriteOfAnyReplicaCommits() {
        String measure = quarterlyMeasure();
        // other classes' events may still be applied in the background; once they are, the scorecard is kept
        String kept = await().atMost(Duration.ofSeconds(20)).until(() -> generatedAt(scorecard()),
                generatedAt -> generatedAt.equals(generatedAt(scorecard())));

        // another replica's write reaches only the database; this replica must not give the old scorecard again
        TestData.sql(dataSource, "update catalog_measure set name = ? where key = ?", "Renamed", measure);

        JsonPath after = scorecard();
        assertEquals("Renamed", after.getString("measures.find { it.key == '" + measure + "' }.name"));
        assertNotEquals(kept, generatedAt(after));
    }

    @Test
    void shouldBuildEveryScorecardAfreshWhileAWriteIsInFlight() throws Exception {
        String measure = quarterlyMeasure();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement update = connection.prepareStatement(
                    "update catalog_measure set owner = 'someone@example.com' where key = ?")) {
                update.setString(1, measure);
                update.executeUpdate();
            }
            Instant first = Instant.parse(generatedAt(scorecard()));
            Instant second = Instant.parse(generatedAt(scorecard()));

            assertTrue(second.isAfter(first), first + " then " + second);
            connection.rollback();
        }
    }

    @Test
    void shouldWriteARebuiltScorecardAsTheMapperWouldReusingTheRowsThatStayed() throws Exception {
        String period = TestData.key("period");
        ScorecardResponse.Row kept = row("kept", new BigDecimal("12.5"), "MET");
        ScorecardResponse.Row changing = row("changing", null, null);
        ScorecardResponse first = scorecard(period, List.of(kept, changing));
        byte[] firstJson = QuarkusTransaction.requiringNew().call(() ->
                cache.scorecard(Cadence.QUARTERLY, 2, period, () -> first));
        assertEquals(json.writeValueAsString(first), new String(firstJson, StandardCharsets.UTF_8));

        // any write the scorecard reads moves the stamp (a statement trigger fires even when no row changes)
        TestData.sql(dataSource, "update catalog_driver set name = name where key = ?", "no-such-driver");
        ScorecardResponse second = scorecard(period, List.of(row("added", BigDecimal.ONE, "MISSED"), kept,
                row("changing", new BigDecimal("40"), "MISSED")));
        byte[] secondJson = QuarkusTransaction.requiringNew().call(() ->
                cache.scorecard(Cadence.QUARTERLY, 2, period, () -> second));
        assertEquals(json.writeValueAsString(second), new String(secondJson, StandardCharsets.UTF_8));
    }

    private static ScorecardResponse scorecard(String period, List<ScorecardResponse.Row> rows) {
        return new ScorecardResponse("QUARTERLY", period, List.of("2026-Q3", period), Instant.now(), rows,
                List.of(new ScorecardResponse.DriverStatus("sales", "Sales", "SALES", 0, "MET", List.of())));
    }

    private static ScorecardResponse.Row row(String key, BigDecimal actual, String status) {
        return new ScorecardResponse.Row(key, "Measure " + key,
                new ScorecardResponse.Driver("sales", "Sales", "SALES", "sam@example.com", 0), "sam@example.com",
                "EUR", "EUR", "HIGHER_IS_BETTER", "SUM",
                new ScorecardResponse.Target(1, "2026-Q3", new BigDecimal("60"), new BigDecimal("50"), "CRITICAL"),
                List.of(new ScorecardResponse.Cell("2026-Q3", actual, status, status == null ? null : "FINAL"),
                        new ScorecardResponse.Cell("2026-Q4", null, null, null)),
                null, new ScorecardResponse.Trailing("TOTAL", actual, actual == null ? 0 : 1), 0);
    }

    /** A quarterly measure the scorecard shows (the other classes' measures are mostly weekly and monthly). */
    private static String quarterlyMeasure() {
        String driver = TestData.key("cache-driver");
        String measure = TestData.key("cache-measure");
        TestData.publishDriver(driver, "Cache", "FINANCE", 1);
        TestData.publishMeasure(measure, driver, "Kept", "COUNT", "SUM", "HIGHER_IS_BETTER", Cadence.QUARTERLY, 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> scorecard().getList("measures.key").contains(measure));
        return measure;
    }

    private static JsonPath scorecard() {
        return RequestAs.viewer().queryParam("cadence", "QUARTERLY").queryParam("periods", 2).when()
                .get("/scorecard").then().statusCode(200).extract().jsonPath();
    }

    private static String generatedAt(JsonPath scorecard) {
        return scorecard.getString("generatedAt");
    }
}
