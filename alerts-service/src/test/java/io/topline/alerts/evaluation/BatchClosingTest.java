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

import javax.sql.DataSource;
import java.time.Instant;
import java.util.Map;

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
        TestData.closingMeasures(dataSource, prefix, MEASURES);
    }

    @AfterEach
    void cleanUp() {
        RequestAs.admin().contentType("application/json").when().post("/silences/" + silenceId + "/expire")
                .then().statusCode(200);
        clock.reset();
        TestData.removeClosingMeasures(dataSource, prefix);
    }

    @Test
    void shouldJudgeEveryMeasureOfEveryBatchOnceAndFireEachMissOnce() {
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
    void shouldWriteAnOpenPeriodsEvaluationOnlyWhenItsJudgementChanges() {
        // November is open: each round judges its actual again, the same while neither it nor the clock moves
        TestData.sql(dataSource, "insert into actual (measure_key, period, cadence, period_start, value, count, "
                + "revision, updated_at) select key, '2026-11', 'MONTHLY', '2026-11-01T00:00:00Z', 50, 1, 1, "
                + "'2026-11-01T01:00:00Z' from catalog_measure where key like ? || '-%'", prefix);
        String versions = "select xmin::text, count(*) from evaluation where measure_key like ? || '-%' "
                + "and period = '2026-11' group by 1";

        evaluations.closePeriods();
        Map<String, Integer> judged = counts(versions);
        evaluations.closePeriods();

        assertEquals(MEASURES, judged.values().stream().mapToInt(Integer::intValue).sum());
        // the same row versions: the second round rewrote none of them
        assertEquals(judged, counts(versions));
    }

    @Test
    void shouldCloseTheOthersOfABatchWhoseMeasureCannotBeRead() {
        // a row the catalog cannot read: the batch holding it fails as a whole, and is closed one measure at a time
        TestData.sql(dataSource, "update catalog_measure set cadence = 'FORTNIGHTLY' where key = ? || '-5'", prefix);

        evaluations.closePeriods();

        assertEquals(Map.of("FINAL AT_RISK", 50, "FINAL MET", 75, "FINAL MISSED", 49, "FINAL NO_DATA", 75),
                counts("select state || ' ' || status, count(*) from evaluation where measure_key like ? || '-%' "
                        + "and period = '2026-10' group by 1"));
        assertEquals(Map.of(), counts("select period, count(*) from evaluation where measure_key = ? || '-5' "
                + "group by 1"));
    }

    private Map<String, Integer> counts(String sql) {
        return TestData.counts(dataSource, sql, prefix);
    }
}
