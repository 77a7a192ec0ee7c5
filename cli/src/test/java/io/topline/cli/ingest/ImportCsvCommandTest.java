package io.topline.cli.ingest;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import io.topline.cli.TestData;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code topline import-csv}: every row is checked before anything is sent, and the exit code says what went wrong. */
@QuarkusMainTest
class ImportCsvCommandTest {

    @Test
    void shouldListEveryBadRowAndSendNothing(QuarkusMainLauncher launcher) throws Exception {
        Path csv = TestData.file("history.csv", "measure,value,occurredAt\nnew-clients,12,2026-11-02\nnew-clients,x,2026-11-03\n"
                + "new-clients,4,someday\n");

        LaunchResult result = launcher.launch("import-csv", csv.toString(), "--measure-column", "measure",
                "--metrics-url", TestData.closedUrl());

        assertEquals(1, result.exitCode());
        assertEquals(String.join("\n",
                csv + ": line 3: 'x' in column 'value' is not a number",
                csv + ": line 4: 'someday' in column 'occurredAt' is not an ISO-8601 instant, date-time or date",
                csv + ": 2 bad row(s); nothing was sent"), result.getErrorOutput());
    }

    @Test
    void shouldNameTheMissingColumnsAndRequireAMeasure(QuarkusMainLauncher launcher) throws Exception {
        Path csv = TestData.file("history.csv", "kpi,amount\nnew-clients,12\n");

        LaunchResult missing = launcher.launch("import-csv", csv.toString(), "--measure", "new-clients");
        LaunchResult usage = launcher.launch("import-csv", csv.toString());

        assertEquals(1, missing.exitCode());
        assertEquals(csv + ": no column value, occurredAt (the header has kpi, amount)", missing.getErrorOutput());
        assertEquals(2, usage.exitCode());
        assertEquals("Error: Missing required argument (specify one of these): (--measure-column=COLUMN | --measure=KEY)",
                usage.getErrorOutput().lines().findFirst().orElseThrow());
    }

    @Test
    void shouldTellHowToResumeWhenTheSuiteIsAway(QuarkusMainLauncher launcher) throws Exception {
        Path csv = TestData.file("history.csv", "value,occurredAt\n12,2026-11-02T00:00:00Z\n");
        Path token = TestData.file("token.jwt", "a-token");
        String url = TestData.closedUrl();

        LaunchResult result = launcher.launch("import-csv", csv.toString(), "--measure", "new-clients",
                "--metrics-url", url, "--token-file", token.toString(), "--batch-size", "1", "--attempts", "1");

        assertEquals(3, result.exitCode());
        assertEquals("Cannot reach " + url + " (connection refused); is the suite running? deploy/local/start.sh "
                + "starts it, and --drivers-url, --metrics-url, --alerts-url point elsewhere\n"
                + "Run the same command again to resume after line 1; nothing is counted twice.",
                result.getErrorOutput().lines().filter(l -> !l.startsWith("[")).reduce((a, b) -> a + "\n" + b).orElseThrow());
    }
}
