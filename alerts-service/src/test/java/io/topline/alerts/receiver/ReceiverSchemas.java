package io.topline.alerts.receiver;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.topline.alerts.TestData;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The receivers' published request formats as JSON Schemas under {@code src/test/resources/receivers}, with formats
 * (date-time, uri) asserted; what a local receiver got is checked against them.
 */
public final class ReceiverSchemas {

    public static final String PAGERDUTY = "pagerduty-event-v2";
    static final String ALERTMANAGER = "alertmanager-postable-alerts";
    public static final String SLACK = "slack-block-kit-message";
    public static final String TEAMS = "teams-adaptive-card-message";

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).build();

    private ReceiverSchemas() {
    }

    /** Fails with every violation when {@code body} does not match the schema. */
    public static void assertValid(String schema, JsonNode body) {
        Set<String> violations = violations(schema, body);
        if (!violations.isEmpty()) {
            throw new AssertionError(schema + " violated: " + violations + "\n" + body.toPrettyString());
        }
    }

    static Set<String> violations(String schema, JsonNode body) {
        Set<ValidationMessage> messages = load(schema).validate(body);
        return messages.stream().map(ValidationMessage::getMessage).collect(Collectors.toCollection(TreeSet::new));
    }

    private static JsonSchema load(String name) {
        try (InputStream in = ReceiverSchemas.class.getResourceAsStream("/receivers/" + name + ".schema.json")) {
            if (in == null) {
                throw new AssertionError("No schema " + name);
            }
            return FACTORY.getSchema(TestData.JSON.readTree(in), CONFIG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
