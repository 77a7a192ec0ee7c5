package io.topline.alerts.kpi;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.topline.alerts.TestData;
import io.topline.testinfra.RequestAs;
import io.topline.testinfra.ToplineInfrastructure;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The KPI gauges on /q/metrics: one series per active measure, and a scrape that stays cheap at 5,000 measures. */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class KpiGaugesTest {

    private static final Logger LOG = Logger.getLogger(KpiGaugesTest.class);
    private static final int MEASURES = 5_000;

    @Inject
    KpiGauges gauges;
    @Inject
    DataSource dataSource;

    @Test
    void shouldServeFiveThousandMeasuresFromTheSnapshotWithoutSlowingTheScrape() {
        String prefix = TestData.key("scale");
        try {
            insertMeasures(prefix);
            long started = System.nanoTime();
            gauges.refresh();
            long refreshMillis = (System.nanoTime() - started) / 1_000_000;
            RequestAs.admin().when().get("/q/metrics").then().statusCode(200); // warm
            long scrapeStarted = System.nanoTime();
            String metrics = RequestAs.admin().when().get("/q/metrics").then().statusCode(200).extract().asString();
            long scrapeMillis = (System.nanoTime() - scrapeStarted) / 1_000_000;
            LOG.infof("KPI snapshot of %d measures: refresh %d ms, scrape %d ms (%d bytes)", MEASURES,
                    refreshMillis, scrapeMillis, metrics.length());

            long ours = Arrays.stream(metrics.split("\n"))
                    .filter(line -> line.startsWith("topline_kpi_actual{") && line.contains(prefix)).count();
            assertEquals(MEASURES, ours);
            String one = prefix + "-42";
            assertTrue(metrics.contains("topline_kpi_failure_level{driver=\"" + prefix + "-driver\",function=\"SALES\","
                    + "measure=\"" + one + "\"} 90.0"), "the failure level of " + one);
            assertTrue(metrics.contains("topline_kpi_status{driver=\"" + prefix + "-driver\",function=\"SALES\","
                    + "measure=\"" + one + "\"} 3.0"), "MISSED is 3");
            assertTrue(scrapeMillis < 2_000, "a scrape took " + scrapeMillis + " ms");

            // a series that stays across refreshes shows the newer snapshot's value
            execute("update evaluation set actual = 95, status = 'AT_RISK' where measure_key = ?", one);
            long again = System.nanoTime();
            gauges.refresh();
            LOG.infof("KPI snapshot of %d measures refreshed again in %d ms", MEASURES,
                    (System.nanoTime() - again) / 1_000_000);
            String refreshed = RequestAs.admin().when().get("/q/metrics").then().statusCode(200).extract().asString();
            assertTrue(refreshed.contains("topline_kpi_status{driver=\"" + prefix + "-driver\",function=\"SALES\","
                    + "measure=\"" + one + "\"} 2.0"), "AT_RISK is 2 after the refresh");
            assertTrue(refreshed.contains("topline_kpi_actual{driver=\"" + prefix + "-driver\",function=\"SALES\","
                    + "measure=\"" + one + "\"} 95.0"), "the new actual after the refresh");
        } finally {
            deleteMeasures(prefix);
            gauges.refresh();
        }
        String after = RequestAs.admin().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(!after.contains(prefix), "the series of removed measures are gone");
    }

    private void insertMeasures(String prefix) {
        execute("insert into catalog_driver (key, name, function, owner, feeds_into, archived, revision, updated_at) "
                + "values (?, 'Scale', 'SALES', 'sam@example.com', '', false, 1, now())", prefix + "-driver");
        execute("insert into catalog_measure (key, driver_key, name, unit, aggregation, direction, cadence, owner, "
                + "archived, revision, updated_at) select ? || '-' || i, ? || '-driver', 'Scale ' || i, 'COUNT', "
                + "'SUM', 'HIGHER_IS_BETTER', 'MONTHLY', 'sam@example.com', false, 1, now() "
                + "from generate_series(1, " + MEASURES + ") i", prefix, prefix);
        execute("insert into evaluation (measure_key, period, cadence, period_start, period_end, target_version, "
                + "success_level, failure_level, severity, actual, status, state, evaluated_at) "
                + "select key, '2026-10', 'MONTHLY', '2026-10-01T00:00:00Z', '2026-11-01T00:00:00Z', 1, 100, 90, "
                + "'CRITICAL', 80, 'MISSED', 'FINAL', now() from catalog_measure where key like ? || '-%'", prefix);
    }

    private void deleteMeasures(String prefix) {
        execute("delete from evaluation where measure_key like ? || '-%'", prefix);
        execute("delete from catalog_measure where key like ? || '-%'", prefix);
        execute("delete from catalog_driver where key = ? || '-driver'", prefix);
    }

    private void execute(String sql, String... parameters) {
        TestData.sql(dataSource, sql, parameters);
    }
}
