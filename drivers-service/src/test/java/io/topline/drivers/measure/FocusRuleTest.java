package io.topline.drivers.measure;

import io.topline.drivers.DefinitionsConfig;
import io.topline.drivers.driver.Driver;
import io.topline.drivers.driver.DriverFunction;
import io.topline.chassis.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The focus rule follows its configured maximum. */
class FocusRuleTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void shouldFollowTheConfiguredMaximumOfActiveMeasures() {
        Driver driver = new Driver("sales", "Sales", DriverFunction.SALES, "sam@example.com", null, List.of(), NOW);
        List<Measure> active = new ArrayList<>();
        MeasureService strict = service(active, 1);
        MeasureService relaxed = service(active, 3);

        assertDoesNotThrow(() -> strict.checkFocus(driver, 1));
        active.add(measure("new-clients", driver));
        ProblemException refused = assertThrows(ProblemException.class, () -> strict.checkFocus(driver, 1));
        assertEquals(409, refused.status());
        assertEquals("focus-rule", refused.slug());
        assertEquals("Driver 'sales' already has 1 active measure(s) (new-clients); a driver keeps at most 1 so that "
                + "its owner stays focused on the one or two numbers that move it. Archive one first, or change "
                + "topline.definitions.max-active-measures-per-driver.", refused.getMessage());

        active.add(measure("closing-ratio", driver));
        assertDoesNotThrow(() -> relaxed.checkFocus(driver, 1));
        active.add(measure("pipeline", driver));
        assertThrows(ProblemException.class, () -> relaxed.checkFocus(driver, 1));
    }

    private static Measure measure(String key, Driver driver) {
        return new Measure(key, driver, key, Unit.COUNT, null, Aggregation.SUM, Direction.HIGHER_IS_BETTER,
                Cadence.MONTHLY, "sam@example.com", null, null, NOW);
    }

    private static MeasureService service(List<Measure> active, int max) {
        MeasureRepository repository = new MeasureRepository() {
            @Override
            public List<Measure> activeOf(Driver driver) {
                return List.copyOf(active);
            }
        };
        DefinitionsConfig config = new DefinitionsConfig() {
            @Override
            public int maxActiveMeasuresPerDriver() {
                return max;
            }
        };
        return new MeasureService(repository, null, null, config, null, Clock.systemUTC());
    }
}
