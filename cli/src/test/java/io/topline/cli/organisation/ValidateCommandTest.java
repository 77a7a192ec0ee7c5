package io.topline.cli.organisation;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import io.topline.cli.TestData;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code topline validate}: offline, every error with its line and column, and exit codes scripts can use. */
@QuarkusMainTest
class ValidateCommandTest {

    @Test
    void shouldAcceptTheExampleOrganisationFile(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("validate", TestData.EXAMPLE.toString());

        assertEquals(0, result.exitCode());
        assertEquals(TestData.EXAMPLE + ": valid (5 drivers, 6 measures, 6 target versions, 3 receivers, 1 silences, "
                + "1 escalation policies, 1 contacts)", result.getOutput());
        assertEquals("", result.getErrorOutput());
    }

    @Test
    void shouldPrintEveryErrorWithItsLineAndColumnAndExitOne(QuarkusMainLauncher launcher) throws Exception {
        Path file = TestData.file("broken.yaml", """
                drivers:
                  - key: sales
                    name: Sales
                    function: SALES
                measures:
                  - key: closing-ratio
                    driverKey: sales
                    name: Closing ratio
                    unit: PERCENT
                    aggregation: MEDIAN
                    direction: HIGHER_IS_BETTER
                    cadence: WEEKLY
                    targets:
                      - {effectiveFrom: 2026-11, successLevel: 30, failureLevel: 20, severity: WARNING}
                """);

        LaunchResult result = launcher.launch("validate", file.toString());

        assertEquals(1, result.exitCode());
        assertEquals(String.join("\n",
                file + ":2:5: drivers[0].owner: is required",
                file + ":10:18: measures[0].aggregation: does not have a value in the enumeration [\"SUM\", \"AVERAGE\", "
                        + "\"MIN\", \"MAX\", \"LAST\", \"COUNT\"]",
                file + ":14:25: measures[0].targets[0].effectiveFrom: must be a weekly period like 2026-W48, since the "
                        + "measure is WEEKLY",
                file + ": 3 error(s)"), result.getErrorOutput());
        assertEquals("", result.getOutput());
    }

    @Test
    void shouldCheckTheCalendarBlockAgainstTheSchemaOnlyOffline(QuarkusMainLauncher launcher) throws Exception {
        // any calendar of the right shape is valid offline: only the suite knows its own, and plan and apply compare
        Path exported = TestData.file("calendar.yaml", """
                calendar: {timeZone: Asia/Tokyo, weekStart: SATURDAY, fiscalYearStartMonth: 7}
                drivers: []
                """);
        Path wrong = TestData.file("bad-calendar.yaml", """
                calendar: {timeZone: Asia/Tokyo, weekStart: Saturday, fiscalYearStartMonth: 0}
                drivers: []
                """);

        LaunchResult valid = launcher.launch("validate", exported.toString());
        LaunchResult invalid = launcher.launch("validate", wrong.toString());

        assertEquals(0, valid.exitCode());
        assertEquals(exported + ": valid (0 drivers, 0 measures, 0 target versions)", valid.getOutput());
        assertEquals(1, invalid.exitCode());
        assertEquals(String.join("\n",
                wrong + ":1:45: calendar.weekStart: does not have a value in the enumeration [\"MONDAY\", \"TUESDAY\", "
                        + "\"WEDNESDAY\", \"THURSDAY\", \"FRIDAY\", \"SATURDAY\", \"SUNDAY\"]",
                wrong + ":1:77: calendar.fiscalYearStartMonth: must have a minimum value of 1",
                wrong + ": 2 error(s)"), invalid.getErrorOutput());
    }

    @Test
    void shouldCheckTheRulesAFileKeepsOnItsOwnOffline(QuarkusMainLauncher launcher) throws Exception {
        Path file = TestData.file("twice.yaml", """
                drivers:
                  - {key: sales, name: Sales, function: SALES, owner: sam@example.com}
                  - {key: sales, name: Sales, function: SALES, owner: sam@example.com}
                """);

        LaunchResult result = launcher.launch("validate", file.toString());

        assertEquals(1, result.exitCode());
        assertEquals(file + ":3:11: drivers[1].key: driver 'sales' is listed twice\n" + file + ": 1 error(s)",
                result.getErrorOutput());
    }

    @Test
    void shouldLocateASyntaxErrorInAJsonFile(QuarkusMainLauncher launcher) throws Exception {
        Path file = TestData.file("broken.json", "{\n  \"drivers\": [\n    {\"key\": \"sales\"]\n}\n");

        LaunchResult result = launcher.launch("validate", file.toString());

        assertEquals(1, result.exitCode());
        assertEquals(file + ":3:20: body: is not JSON (Unexpected close marker ']': expected '}' (for Object starting at "
                + "[line: 3, column: 5]))\n"
                + file + ": 1 error(s)", result.getErrorOutput());
    }

    @Test
    void shouldExitOneForAFileThatDoesNotExistAndTwoForAMissingArgument(QuarkusMainLauncher launcher) {
        LaunchResult missing = launcher.launch("validate", "no-such-organisation.yaml");
        LaunchResult usage = launcher.launch("validate");

        assertEquals(1, missing.exitCode());
        assertEquals("no-such-organisation.yaml: no such file", missing.getErrorOutput());
        assertEquals(2, usage.exitCode());
        assertEquals("Missing required parameter: 'FILE'", usage.getErrorOutput().lines().findFirst().orElseThrow());
    }
}
