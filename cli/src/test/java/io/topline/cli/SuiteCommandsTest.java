package io.topline.cli;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The commands that talk to the suite, up to the wire: a file is checked before anything is sent, a missing token
 * or an unreachable service is a message and an exit code. Their exchanges with a real drivers-service are in
 * e2e-tests (CommandLineToolTest) and drivers-service's OrganisationResourceTest.
 */
@QuarkusMainTest
class SuiteCommandsTest {

    @Test
    void shouldRefuseAnInvalidFileBeforeContactingTheSuite(QuarkusMainLauncher launcher) throws Exception {
        Path file = TestData.file("bad.yaml", "drivers:\n  - key: Sales\n");
        Path token = TestData.file("token.jwt", "a-token\n");

        LaunchResult result = launcher.launch("apply", file.toString(), "--prune", "--drivers-url", TestData.closedUrl(),
                "--token-file", token.toString());

        assertEquals(1, result.exitCode());
        assertEquals(String.join("\n",
                file + ":2:5: drivers[0].function: is required",
                file + ":2:5: drivers[0].name: is required",
                file + ":2:5: drivers[0].owner: is required",
                file + ":2:10: drivers[0].key: must be a slug (lower-case letters and digits joined by single hyphens)",
                file + ": 4 error(s); nothing was sent"), result.getErrorOutput());
    }

    @Test
    void shouldRefuseAReferenceToAnUnsetVariableBeforeContactingTheSuite(QuarkusMainLauncher launcher)
            throws Exception {
        assertTrue(System.getenv("LEADERSHIP_SLACK_URL") == null, "this test needs LEADERSHIP_SLACK_URL unset");
        Path token = TestData.file("token.jwt", "a-token\n");

        LaunchResult result = launcher.launch("apply", TestData.EXAMPLE.toString(), "--drivers-url",
                TestData.closedUrl(), "--token-file", token.toString());

        assertEquals(1, result.exitCode());
        assertEquals(String.join("\n",
                TestData.EXAMPLE + ":131:8: receivers[0].url: refers to ${LEADERSHIP_SLACK_URL}, but the environment "
                        + "variable LEADERSHIP_SLACK_URL is not set",
                TestData.EXAMPLE + ": 1 error(s); nothing was sent"), result.getErrorOutput());
    }

    @Test
    void shouldExitThreeWhenTheSuiteCannotBeReached(QuarkusMainLauncher launcher) throws Exception {
        Path token = TestData.file("token.jwt", "a-token\n");
        String url = TestData.closedUrl();
        Path file = TestData.file("drivers.yaml", "drivers:\n  - {key: sales, name: Sales, function: SALES, owner: sam}\n");

        LaunchResult result = launcher.launch("plan", file.toString(), "--drivers-url", url,
                "--token-file", token.toString());

        assertEquals(3, result.exitCode());
        assertEquals("Cannot reach " + url + " (connection refused); is the suite running? deploy/local/start.sh "
                + "starts it, and --drivers-url, --metrics-url, --alerts-url point elsewhere", result.getErrorOutput());
    }

    @Test
    void shouldExitFourWithoutAToken(QuarkusMainLauncher launcher) {
        assertTrue(System.getenv("TOPLINE_TOKEN") == null, "this test needs TOPLINE_TOKEN unset");

        LaunchResult result = launcher.launch("export", "--drivers-url", TestData.closedUrl());

        assertEquals(4, result.exitCode());
        assertEquals("No token: set TOPLINE_TOKEN, or give --token-file FILE (or TOPLINE_TOKEN_FILE); the local stack "
                + "writes .local/tokens/topline-admin.jwt", result.getErrorOutput());
    }

    @Test
    void shouldExplainEverySubcommandWithHelp(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("dead-letters", "redrive", "--help");

        assertEquals(0, result.exitCode());
        assertTrue(result.getOutput().startsWith("Usage: topline dead-letters redrive [-hV]"), result.getOutput());
    }

    @Test
    void shouldExitTwoForAValueThatIsNotANumber(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("post", "new-clients", "twelve");

        assertEquals(2, result.exitCode());
        assertTrue(result.getErrorOutput().startsWith("Invalid value for positional parameter at index 1 (VALUE): "
                + "cannot convert 'twelve' to BigDecimal"), result.getErrorOutput());
    }
}
