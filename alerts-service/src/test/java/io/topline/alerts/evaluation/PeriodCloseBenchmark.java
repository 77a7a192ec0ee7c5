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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Benchmark, not a test (skipped unless {@code -Dtopline.bench=true}): closes October for 10,000 monthly measures,
 * 3,000 of them without an actual, and prints how long the closing job took, cold and then warm (again and again: the
 * JIT keeps compiling through the first rounds on two cores).
 */
// Run: ./mvnw -B -o verify -pl alerts-service -am -Dtest=PeriodCloseBenchmark -Dsurefire.failIfNoSpecifiedTests=false
//      -Dtopline.bench=true   (docs/testing.md). It asserts what the close must have produced, never a time.
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
@EnabledIfSystemProperty(named = "topline.bench", matches = "true")
class PeriodCloseBenchmark {

    private static final int MEASURES = Integer.getInteger("topline.bench.measures", 10_000);
    private static final int ROUNDS = Integer.getInteger("topline.bench.rounds", 3);
    private static final Instant AFTER_GRACE = Instant.parse("2026-11-01T01:30:00Z");

    @Inject
    EvaluationService evaluations;
    @Inject
    SettableClock clock;
    @Inject
    DataSource dataSource;

    private final List<String> prefixes = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        clock.reset();
        prefixes.forEach(prefix -> TestData.removeClosingMeasures(dataSource, prefix));
    }

    @Test
    void shouldCloseOctoberForEveryMeasure() {
        for (int i = 1; i <= ROUNDS; i++) {
            String round = i == 1 ? "cold" : "warm " + (i - 1);
            clock.pin(AFTER_GRACE);
            String prefix = TestData.key("close");
            prefixes.add(prefix);
            TestData.closingMeasures(dataSource, prefix, MEASURES);
            // statistics as a database that received these rows over weeks has them; without, the planner kept
            // scanning whole tables for the batch reads (30-50 ms each) for as long as autovacuum took to notice
            TestData.sql(dataSource, "analyze");
            long started = System.nanoTime();
            int looked = evaluations.closePeriods();
            long millis = (System.nanoTime() - started) / 1_000_000;
            System.out.printf("BENCH period close (%s): %,d measures looked at, %,d of ours in %,d ms "
                    + "(%,.0f measures/s)%n", round, looked, MEASURES, millis, MEASURES * 1000.0 / millis);
            assertEquals(Map.of("FINAL MET", MEASURES * 3 / 10, "FINAL AT_RISK", MEASURES / 5,
                    "FINAL MISSED", MEASURES / 5, "FINAL NO_DATA", MEASURES * 3 / 10), TestData.counts(dataSource,
                    "select state || ' ' || status, count(*) from evaluation where measure_key like ? || '-%' "
                            + "and period = '2026-10' group by 1", prefix));
            System.out.printf("BENCH   alerts: %s%n", TestData.counts(dataSource, "select kind || ' ' || state, "
                    + "count(*) from alert where measure_key like ? || '-%' group by 1", prefix));
            cleanUp();
            prefixes.clear();
        }
    }
}
