package io.topline.alerts.evaluation;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.topline.alerts.TestData;
import io.topline.chassis.time.SettableClock;
import io.topline.testinfra.ToplineInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Benchmark, not a test (skipped unless {@code -Dtopline.bench=true}): closes October for 10,000 monthly measures,
 * 3,000 of them without an actual, and prints how long the closing job took, cold and then warm.
 */
// Run: ./mvnw -B -o verify -pl alerts-service -am -Dtest=PeriodCloseBenchmark -Dsurefire.failIfNoSpecifiedTests=false
//      -Dtopline.bench=true   (docs/testing.md). It asserts what the close must have produced, never a time.
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
@EnabledIfSystemProperty(named = "topline.bench", matches = "true")
class PeriodCloseBenchmark {

    private static final int MEASURES = Integer.getInteger("topline.bench.measures", 10_000);
    private static final Instant AFTER_GRACE = Instant.parse("2026-11-01T01:30:00Z");

    @Inject
    EvaluationService evaluations;
    @Inject
    SettableClock clock;
    @Inject
    DataSource dataSource;

    private final List<String> prefixes = new ArrayList<>();

    @AfterEach
    void cleanUp() throws SQLException {
        clock.reset();
        for (String prefix : prefixes) {
            execute("delete from outbox_event where record_key like ? || '-%'", prefix);
            for (String table : List.of("silence_muted_alert", "alert_notified_subscription", "alert_transition")) {
                execute("delete from " + table + " where alert_id in (select id from alert where measure_key like ? "
                        + "|| '-%')", prefix);
            }
            execute("delete from alert where measure_key like ? || '-%'", prefix);
            execute("delete from evaluation where measure_key like ? || '-%'", prefix);
            execute("delete from actual where measure_key like ? || '-%'", prefix);
            execute("delete from catalog_measure where key like ? || '-%'", prefix);
            execute("delete from catalog_driver where key = ? || '-driver'", prefix);
        }
    }

    @Test
    void shouldCloseOctoberForEveryMeasure() throws SQLException {
        for (String round : List.of("cold", "warm")) {
            clock.pin(AFTER_GRACE);
            String prefix = TestData.key("close");
            prefixes.add(prefix);
            insertMeasures(prefix);
            long started = System.nanoTime();
            int looked = evaluations.closePeriods();
            long millis = (System.nanoTime() - started) / 1_000_000;
            System.out.printf("BENCH period close (%s): %,d measures looked at, %,d of ours in %,d ms (%,.0f measures/s)%n",
                    round, looked, MEASURES, millis, MEASURES * 1000.0 / millis);
            assertEquals(Map.of("FINAL MET", MEASURES * 3 / 10, "FINAL AT_RISK", MEASURES / 5,
                    "FINAL MISSED", MEASURES / 5, "FINAL NO_DATA", MEASURES * 3 / 10), evaluationCounts(prefix));
            System.out.printf("BENCH   alerts: %s%n", alertCounts(prefix));
            cleanUp();
            prefixes.clear();
        }
    }

    /** 10,000 monthly measures with a target from October: 30 % met, 20 % amber, 20 % missed, 30 % without data. */
    private void insertMeasures(String prefix) throws SQLException {
        execute("insert into catalog_driver (key, name, function, owner, feeds_into, archived, revision, updated_at) "
                + "values (? || '-driver', 'Close', 'SALES', 'sam@example.com', '', false, 1, now())", prefix);
        execute("insert into catalog_measure (key, driver_key, name, unit, aggregation, direction, cadence, owner, "
                + "archived, revision, updated_at) select ? || '-' || i, ? || '-driver', 'Close ' || i, 'COUNT', "
                + "'SUM', 'HIGHER_IS_BETTER', 'MONTHLY', 'sam@example.com', false, 1, now() "
                + "from generate_series(1, " + MEASURES + ") i", prefix, prefix);
        execute("insert into catalog_target (measure_key, version, effective_from, success_level, failure_level, "
                + "severity, created_at) select key, 1, '2026-10', 100, 90, 'CRITICAL', '2026-09-01T00:00:00Z' "
                + "from catalog_measure where key like ? || '-%'", prefix);
        execute("insert into actual (measure_key, period, cadence, period_start, value, count, revision, updated_at) "
                + "select key, '2026-10', 'MONTHLY', '2026-10-01T00:00:00Z', case when n % 10 < 3 then 120 "
                + "when n % 10 < 5 then 95 else 80 end, 1, 1, '2026-10-31T12:00:00Z' from (select key, "
                + "substring(key from '[0-9]+$')::int as n from catalog_measure where key like ? || '-%') m "
                + "where n % 10 < 7", prefix);
    }

    private Map<String, Integer> evaluationCounts(String prefix) throws SQLException {
        return counts("select state || ' ' || status, count(*) from evaluation where measure_key like ? || '-%' "
                + "and period = '2026-10' group by 1 order by 1", prefix);
    }

    private Map<String, Integer> alertCounts(String prefix) throws SQLException {
        return counts("select kind || ' ' || state, count(*) from alert where measure_key like ? || '-%' "
                + "group by 1 order by 1", prefix);
    }

    private Map<String, Integer> counts(String sql, String prefix) throws SQLException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, prefix);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getInt(2));
                }
            }
        }
        return counts;
    }

    private void execute(String sql, String... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }
}
