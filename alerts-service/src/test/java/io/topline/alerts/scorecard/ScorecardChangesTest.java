package io.topline.alerts.scorecard;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.topline.alerts.TestData;
import io.topline.alerts.period.Cadence;
import io.topline.alerts.period.Period;
import io.topline.chassis.calendar.FiscalCalendar;
import io.topline.testinfra.RequestAs;
import io.topline.testinfra.ToplineInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A scorecard built from the one before it shows every write since, as one built afresh would: another replica's,
 * one that was in flight while the earlier one was built, deleted rows (migration V26), and a row VACUUM froze.
 */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class ScorecardChangesTest {

    private static final String CURRENT = Period.containing(FiscalCalendar.isoUtc(), Cadence.QUARTERLY,
            Instant.now()).label();

    @Inject
    DataSource dataSource;

    @Test
    void shouldShowAnotherReplicasWritesSinceTheLastBuildAsAFreshBuildWould() {
        String measure = measureWithActual();
        row(measure);

        TestData.sql(dataSource, "update actual set value = 25 where measure_key = ?", measure);
        TestData.sql(dataSource, "update evaluation set status = 'MISSED' where measure_key = ?", measure);
        Map<String, Object> updated = row(measure);
        // a driver row written (even unchanged) makes the next scorecard a fresh build of every row
        TestData.sql(dataSource, "update catalog_driver set name = name where key = ?", driver(measure));
        Map<String, Object> fresh = row(measure);

        assertEquals(fresh, updated);
        assertEquals(Map.of("period", CURRENT, "actual", 25, "status", "MISSED", "state", "PROVISIONAL"),
                current(updated));
    }

    @Test
    void shouldShowAWriteThatWasInFlightWhileTheLastScorecardWasBuilt() throws Exception {
        String measure = measureWithActual();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement update = connection.prepareStatement(
                    "update actual set value = 33 where measure_key = ?")) {
                update.setString(1, measure);
                update.executeUpdate();
            }
            assertEquals(10, current(row(measure)).get("actual"));
            connection.commit();
        }

        assertEquals(33, current(row(measure)).get("actual"));
    }

    @Test
    void shouldRebuildAfterATargetRowIsDeleted() {
        String measure = measureWithActual();
        row(measure);

        TestData.sql(dataSource, "delete from catalog_target where measure_key = ?", measure);

        assertNull(row(measure).get("target"));
    }

    @Test
    void shouldRebuildAfterAnActualIsDeleted() {
        String measure = measureWithActual();
        row(measure);

        TestData.sql(dataSource, "delete from actual where measure_key = ?", measure);

        assertNull(current(row(measure)).get("actual"));
    }

    @Test
    void shouldFindAChangeAfterVacuumFrozeItsRow() {
        String measure = measureWithActual();
        row(measure);

        TestData.sql(dataSource, "update actual set value = 44 where measure_key = ?", measure);
        // freezing keeps the row version's transaction id readable as xmin (PostgreSQL 9.4 and later)
        TestData.sql(dataSource, "vacuum (freeze) actual");

        assertEquals(44, current(row(measure)).get("actual"));
    }

    /** A quarterly measure with a target and an actual of 10 in the current quarter, evaluated. */
    private static String measureWithActual() {
        String driver = TestData.key("changes-driver");
        String measure = TestData.key("changes-measure");
        String previous = Period.parse(FiscalCalendar.isoUtc(), Cadence.QUARTERLY, CURRENT).previous().label();
        TestData.publishDriver(driver, "Changes", "SALES", 1);
        TestData.publishMeasure(measure, driver, "Changing", "COUNT", "SUM", "HIGHER_IS_BETTER", Cadence.QUARTERLY, 1,
                TestData.target(1, previous, "100", "50", "CRITICAL", Instant.parse("2026-01-01T00:00:00Z")));
        TestData.publishActual(measure, Cadence.QUARTERLY, "SUM", CURRENT, "10", 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> row(measure) != null
                && current(row(measure)).get("status") != null);
        return measure;
    }

    @SuppressWarnings("unchecked")
    private static String driver(String measure) {
        return (String) ((Map<String, Object>) row(measure).get("driver")).get("key");
    }

    private static Map<String, Object> row(String measure) {
        return RequestAs.viewer().queryParam("cadence", "QUARTERLY").queryParam("periods", 2).when()
                .get("/scorecard").then().statusCode(200).extract().jsonPath()
                .getMap("measures.find { it.key == '" + measure + "' }");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> current(Map<String, Object> row) {
        return ((List<Map<String, Object>>) row.get("periods")).get(1);
    }
}
