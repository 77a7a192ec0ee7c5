package io.topline.cli.deadletter;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import io.topline.cli.TestData;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code topline dead-letters}: which service, which record, and the exit codes of what goes wrong. */
@QuarkusMainTest
class DeadLettersCommandTest {

    @Test
    void shouldRefuseARecordThatIsNotTopicPartitionOffset(QuarkusMainLauncher launcher) throws Exception {
        Path token = TestData.file("token.jwt", "a-token");

        LaunchResult result = launcher.launch("dead-letters", "redrive", "metrics", "--record", "topline.measurements.dlq:0:12",
                "--metrics-url", TestData.closedUrl(), "--token-file", token.toString());

        assertEquals(2, result.exitCode());
        assertEquals("--record must be TOPIC/PARTITION@OFFSET, such as topline.measurements.dlq/0@12 (as dead-letters "
                + "list prints it)", result.getErrorOutput());
    }

    @Test
    void shouldNameTheServicesAndReachTheOneAsked(QuarkusMainLauncher launcher) throws Exception {
        Path token = TestData.file("token.jwt", "a-token");
        String url = TestData.closedUrl();

        LaunchResult unknown = launcher.launch("dead-letters", "list", "drivers");
        LaunchResult away = launcher.launch("dead-letters", "list", "ALERTS", "--alerts-url", url,
                "--token-file", token.toString());

        assertEquals(2, unknown.exitCode());
        assertEquals("Invalid value for positional parameter at index 0 (SERVICE): expected one of [METRICS, ALERTS] "
                + "(case-insensitive) but was 'drivers'", unknown.getErrorOutput().lines().findFirst().orElseThrow());
        assertEquals(3, away.exitCode());
        assertEquals("Cannot reach " + url + " (connection refused); is the suite running? deploy/local/start.sh "
                + "starts it, and --drivers-url, --metrics-url, --alerts-url point elsewhere", away.getErrorOutput());
    }
}
