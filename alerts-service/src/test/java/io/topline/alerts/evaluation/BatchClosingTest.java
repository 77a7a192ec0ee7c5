package io.topline.alerts.evaluation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.topline.alerts.TestData;
import io.topline.chassis.time.SettableClock;
import io.topline.testinfra.RequestAs;
import io.topline.testinfra.ToplineInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The closing job judges measures a batch per transaction: the same verdicts, once, and one bad measure alone. */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class BatchClosingTest {

    // three batches of the default hundred and a part: batch edges and the last, short batch
    private static final int MEASURES = 250;
    private static final Instant AFTER_GRACE = Instant.parse("2026-11-01T01:30:00Z");

    @Inject
    EvaluationService evaluations;
    @Inject
    SettableClock clock;
    @Inject
    DataSource dataSource;

    private String prefix;
    private String silenceId;

    @BeforeEach
    void pinClockAndSilenceTheDriver() {
        clock.pin(AFTER_GRACE);
        prefix = TestData.key("batch-close");
        // the firings are published but told to nobody: other classes' catch-all receivers and escalation policies
        // stay out of it (a muted firing is neither delivered nor escalated), and the cleanup has no deliveries
        ObjectNode silence = TestData.silence("batch closing test",
                TestData.matcher("driver", "EQUALS", prefix + "-driver"));
        silence.put("endsAt", "2026-11-02T00:00:00Z");
        silenceId = RequestAs.admin().contentType("application/json").body(silence.toString()).when()
                .post("/silences").then().statusCode(201).extract().path("id");
    }

    @AfterEach
    void cleanUp() throws SQLException {
        RequestAs.admin().contentType("application/json").when().post("/silences/" + silenceId + "/expire")
                .then().statusCode(200);
        clock.reset();
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

    @Test
    void shouldJudgeEveryMeasureOfEveryBatchOnceAndFireEachMissOnce() throws SQLException {
        insertMeasures();

        evaluations.closePeriods();
        evaluations.closePeriods();

        assertEquals(Map.of("FINAL AT_RISK", 50, "FINAL MET", 75, "FINAL MISSED", 50, "FINAL NO_DATA", 75),
                counts("select state || ' ' || status, count(*) from evaluation where measure_key like ? || '-%' "
                        + "and period = '2026-10' group by 1"));
        assertEquals(Map.of("MISSED FIRING", 50, "NO_DATA FIRING", 75),
                counts("select kind || ' ' || state, count(*) from alert where measure_key like ? || '-%' group by 1"));
        // the second round moved nothing: one transition per alert, and no evaluation of the open November
        assertEquals(Map.of("FIRING", 125), counts("select t.to_state, count(*) from alert_transition t join alert a "
                + "on a.id = t.alert_id where a.measure_key like ? || '-%' group by 1"));
        assertEquals(Map.of(), counts("select period, count(*) from evaluation where measure_key like ? || '-%' "
                + "and period <> '2026-10' group by 1"));
    }

    @Test
    void shouldCloseTheOthersOfABatchWhoseMeasureCannotBeRead() throws SQLException {
        insertMeasures();
        // a row the catalog cannot read: the batch holding it fails as a whole, and is closed one measure at a time
        execute("update catalog_measure set cadence = 'FORTNIGHTLY' where key = ? || '-5'", prefix);

        evaluations.closePeriods();

        assertEquals(Map.of("FINAL AT_RISK", 50, "FINAL MET", 75, "FINAL MISSED", 49, "FINAL NO_DATA", 75),
                counts("select state || ' ' || status, count(*) from evaluation where measure_key like ? || '-%' "
                        + "and period = '2026-10' group by 1"));
        assertEquals(Map.of(), counts("select period, count(*) from evaluation where measure_key = ? || '-5' "
                + "group by 1"));
    }

    /** Monthly measures with a target from October: 30 % met, 20 % amber, 20 % missed, 30 % without an actual. */
    private void insertMeasures() throws SQLException {
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

    private Map<String, Integer> counts(String sql) throws SQLException {
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
