package io.topline.cli.organisation;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.topline.cli.TestData;
import io.topline.contracts.organisation.OrganisationFiles;
import io.topline.contracts.organisation.OrganisationFiles.FileError;
import io.topline.contracts.organisation.OrganisationFiles.Format;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ${VARIABLE} references resolved from the environment into the body's secrets, the file's lines and columns kept;
 * a variable not set stopped before sending, named without any value.
 */
class SecretReferencesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String YAML = """
            drivers: []
            receivers:
              - key: team-slack
                receiver: SLACK
                url: ${TEAM_SLACK_URL}
              - key: pager
                receiver: PAGERDUTY
                routingKey: ${PD_KEY}
              - key: hook
                receiver: WEBHOOK
                url: https://hooks.example.com/topline
            """;

    @Test
    void shouldSendTheValuesInSecretsAfterTheFilesLastLine() throws Exception {
        Path file = TestData.file("org.yaml", YAML);
        Map<String, String> environment = Map.of("TEAM_SLACK_URL", "https://hooks.slack.com/services/T0/B0/x\"y",
                "PD_KEY", "routing-key-value", "UNUSED", "other");

        SecretReferences.Resolved resolved = SecretReferences.resolve(OrganisationFileInput.read(file),
                environment::get);

        assertEquals(List.of(), resolved.errors());
        assertEquals(YAML + "secrets: {\"PD_KEY\":\"routing-key-value\",\"TEAM_SLACK_URL\":"
                + "\"https://hooks.slack.com/services/T0/B0/x\\\"y\"}\n", resolved.body());
        assertEquals(JSON.readTree("{\"PD_KEY\": \"routing-key-value\", \"TEAM_SLACK_URL\": "
                        + "\"https://hooks.slack.com/services/T0/B0/x\\\"y\"}"),
                OrganisationFiles.check(resolved.body(), Format.YAML).document().get("secrets"));
    }

    @Test
    void shouldAddTheSecretsBeforeAJsonFilesClosingBraceKeepingItsLines() throws Exception {
        String json = "{\"drivers\": [],\n \"receivers\": [{\"key\": \"s\", \"receiver\": \"SLACK\", \"url\": \"${S}\"}]\n}\n";

        String body = SecretReferences.withSecrets(json, Format.JSON, Map.of("S", "https://hooks.example.com/s"));

        assertEquals("{\"drivers\": [],\n \"receivers\": [{\"key\": \"s\", \"receiver\": \"SLACK\", \"url\": \"${S}\"}]\n"
                + ", \"secrets\": {\"S\":\"https://hooks.example.com/s\"}}\n", body);
    }

    @Test
    void shouldNameEveryVariableThatIsNotSetAndSendNothing() throws Exception {
        Path file = TestData.file("org.yaml", YAML);

        SecretReferences.Resolved resolved = SecretReferences.resolve(OrganisationFileInput.read(file),
                Map.of("PD_KEY", "routing-key-value")::get);

        assertNull(resolved.body());
        assertEquals(List.of(new FileError("receivers[0].url", "refers to ${TEAM_SLACK_URL}, but the environment "
                + "variable TEAM_SLACK_URL is not set", 5, 10)), resolved.errors());
        assertTrue(resolved.errors().stream().noneMatch(e -> e.message().contains("routing-key-value")));
    }

    @Test
    void shouldRefuseAFileThatHoldsSecretValuesItself() throws Exception {
        Path file = TestData.file("org.yaml", YAML + "secrets: {PD_KEY: written-down}\n");

        SecretReferences.Resolved resolved = SecretReferences.resolve(OrganisationFileInput.read(file), name -> "v");

        assertEquals(List.of(new FileError("secrets", "a file never holds secret values: write ${VARIABLE} where one "
                + "goes and set the environment variable; the tool sends its value", 12, 10)), resolved.errors());
    }
}
