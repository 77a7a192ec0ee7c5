package io.topline.testinfra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Reads the event contracts kept as data under {@code contracts/events} and checks events against them.
 *
 * <p>Producer tests check what they published; consumer tests check the events they feed in, so both sides
 * test against the same schema.
 */
public final class EventContracts {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private EventContracts() {
    }

    /** The {@code contracts/events} folder of the repository, found from the working directory upwards. */
    public static Path directory() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("contracts").resolve("events");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("No contracts/events folder above " + Path.of("").toAbsolutePath());
    }

    /** The violations of {@code event} against the schema of its {@code type}; empty when it is valid. */
    public static Set<String> violations(String type, JsonNode event) {
        JsonSchema schema = SCHEMAS.computeIfAbsent(type, EventContracts::load);
        Set<ValidationMessage> messages = schema.validate(event);
        return messages.stream().map(ValidationMessage::getMessage).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /** Fails with every violation when {@code event} does not match the schema of its {@code type}. */
    public static void assertValid(String type, JsonNode event) {
        Set<String> violations = violations(type, event);
        if (!violations.isEmpty()) {
            throw new AssertionError("Event of type " + type + " breaks its contract: " + violations + "\n" + event);
        }
    }

    /** Parses and checks a structured-mode CloudEvent, using its own {@code type} attribute. */
    public static JsonNode assertValid(String cloudEventJson) {
        JsonNode event = parse(cloudEventJson);
        JsonNode type = event.get("type");
        if (type == null || !type.isTextual()) {
            throw new AssertionError("Not a CloudEvent (no type attribute): " + cloudEventJson);
        }
        assertValid(type.asText(), event);
        return event;
    }

    /** The example event kept beside the schema of {@code type}. */
    public static JsonNode example(String type) {
        return parse(read(directory().resolve("examples").resolve(type + ".json")));
    }

    private static JsonSchema load(String type) {
        Path file = directory().resolve(type + ".schema.json");
        if (!Files.exists(file)) {
            throw new AssertionError("No contract for event type " + type + " at " + file);
        }
        return FACTORY.getSchema(parse(read(file)));
    }

    private static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + json, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
