package io.topline.contracts.organisation;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.serialization.JsonNodeReader;
import com.networknt.schema.serialization.node.JsonLocationAware;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an organisation file (YAML or JSON) and checks it against the published schema, giving every error with its
 * path and, where the file has one, its line and column. Rules that need more than the file (archived keys, the
 * focus rule over stored measures) are drivers-service's; their paths are located with {@link #locate}.
 */
public final class OrganisationFiles {

    /** Where the schema is on the class path (the jar of this module carries {@code contracts/organisation}). */
    public static final String SCHEMA = "organisation/organisation.schema.json";

    // decimals stay exact (a level of 99.95 must not become a double), and a key listed twice in one object is an error
    private static final JsonNodeReader READER = JsonNodeReader.builder()
            .jsonMapper(exact(new ObjectMapper()))
            .yamlMapper(exact(new YAMLMapper()))
            .locationAware().build();
    private static final JsonSchema SCHEMA_CHECK = loadSchema();
    /** Digits a number may have either side of the point, as the services' BoundedDecimalDeserializer allows. */
    static final int MAX_DIGITS = 64;
    static final String UNBOUNDED = "is a number with more than " + MAX_DIGITS
            + " digits before or after the decimal point";
    private static final Pattern SEGMENT = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

    private OrganisationFiles() {
    }

    /** The two ways to write the file. */
    public enum Format {
        JSON, YAML;

        /** YAML for a {@code .yaml}/{@code .yml} name or a YAML media type, JSON otherwise. */
        public static Format of(String nameOrMediaType) {
            String lower = nameOrMediaType == null ? "" : nameOrMediaType.toLowerCase(Locale.ROOT);
            return lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.contains("yaml") ? YAML : JSON;
        }
    }

    /** One thing wrong with the file: a path such as {@code measures[2].targets[0].effectiveFrom}, and where it is. */
    public record FileError(String path, String message, Integer line, Integer column) {

        /** {@code line:column: path: message}, as a compiler prints it. */
        public String describe() {
            String where = line == null ? "" : line + ":" + column + ": ";
            return where + path + ": " + message;
        }
    }

    /** The parsed file (null when it is not YAML or JSON at all) and its errors against the schema, in file order. */
    public record Checked(JsonNode document, List<FileError> errors) {

        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /** Parses {@code text} and checks it against the schema. */
    public static Checked check(String text, Format format) {
        JsonNode document;
        try {
            document = READER.readTree(text, format == Format.YAML ? InputFormat.YAML : InputFormat.JSON);
        } catch (NumberFormatException e) {
            // a number no decimal can hold, such as 1e2147483648
            return new Checked(null, List.of(new FileError("body", "holds a number too large to read", null, null)));
        } catch (IllegalArgumentException e) {
            // the reader wraps what the parser refused
            if (e.getCause() instanceof JsonProcessingException refused) {
                return unreadable(refused, format);
            }
            throw e;
        } catch (JsonProcessingException e) {
            return unreadable(e, format);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (document == null || document.isMissingNode()) {
            return new Checked(null, List.of(new FileError("body", "is empty; an organisation file has at least "
                    + "'drivers'", 1, 1)));
        }
        List<FileError> errors = new ArrayList<>();
        List<String> unbounded = new ArrayList<>();
        unboundedNumbers(document, "", unbounded);
        for (String path : unbounded) {
            JsonLocation at = locate(document, path).orElse(null);
            errors.add(new FileError(path.isEmpty() ? "body" : path, UNBOUNDED, line(at), column(at)));
        }
        if (!errors.isEmpty()) {
            // the schema's checks print such a number in full (an enum's message does), which 1e100000000 runs out of
            // memory doing: refuse them before the schema sees them
            return new Checked(document, List.copyOf(errors));
        }
        for (ValidationMessage message : SCHEMA_CHECK.validate(document)) {
            String path = pathOf(message);
            JsonLocation at = locate(document, path).orElse(null);
            errors.add(new FileError(path, messageOf(message), line(at), column(at)));
        }
        errors.sort(Comparator.comparing((FileError e) -> e.line() == null ? 0 : e.line())
                .thenComparing(e -> e.column() == null ? 0 : e.column()).thenComparing(FileError::path)
                .thenComparing(FileError::message));
        return new Checked(document, List.copyOf(errors));
    }

    /** Adds the path of each number under {@code node} with more than {@value #MAX_DIGITS} digits either side. */
    private static void unboundedNumbers(JsonNode node, String path, List<String> found) {
        if (node.isNumber()) {
            BigDecimal value = node.decimalValue();
            if (value.scale() > MAX_DIGITS || (long) value.precision() - value.scale() > MAX_DIGITS) {
                found.add(path);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                unboundedNumbers(node.get(i), path + "[" + i + "]", found);
            }
        } else if (node.isObject()) {
            node.fields().forEachRemaining(field -> unboundedNumbers(field.getValue(),
                    path.isEmpty() ? field.getKey() : path + "." + field.getKey(), found));
        }
    }

    private static Checked unreadable(JsonProcessingException e, Format format) {
        JsonLocation at = e.getLocation();
        String reason = e.getOriginalMessage() == null ? "cannot be read" : e.getOriginalMessage();
        return new Checked(null, List.of(new FileError("body", "is not " + (format == Format.YAML ? "YAML" : "JSON")
                + " (" + firstLine(reason) + ")", line(at), column(at))));
    }

    /**
     * Where {@code path} ({@code drivers[0].feedsInto[1]}) is in a document this class read; a path that goes beyond
     * the document (a missing field) is located at the deepest part that exists.
     */
    public static Optional<JsonLocation> locate(JsonNode document, String path) {
        if (document == null) {
            return Optional.empty();
        }
        JsonNode node = document;
        Matcher segment = SEGMENT.matcher(path == null ? "" : path);
        while (segment.find()) {
            JsonNode next = segment.group(1) != null ? node.get(segment.group(1)) : node.get(Integer.parseInt(segment.group(2)));
            if (next == null) {
                break;
            }
            node = next;
        }
        return node instanceof JsonLocationAware located ? Optional.ofNullable(located.tokenLocation()) : Optional.empty();
    }

    private static String pathOf(ValidationMessage message) {
        StringBuilder path = new StringBuilder();
        JsonNodePath instance = message.getInstanceLocation();
        for (int i = 0; i < instance.getNameCount(); i++) {
            Object element = instance.getElement(i);
            if (element instanceof Integer index) {
                path.append('[').append(index).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".").append(element);
            }
        }
        // a missing or unknown field is reported on its object: name the field itself
        if (("required".equals(message.getType()) || "additionalProperties".equals(message.getType()))
                && message.getProperty() != null) {
            path.append(path.isEmpty() ? "" : ".").append(message.getProperty());
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String messageOf(ValidationMessage message) {
        String error = message.getError() == null ? message.getMessage() : message.getError();
        // the library's wording names the field again; the path already does
        if ("required".equals(message.getType()) && error.startsWith("required property")) {
            return "is required";
        }
        if ("additionalProperties".equals(message.getType()) && error.startsWith("property")) {
            return "is not a field of the organisation file here";
        }
        return error;
    }

    private static Integer line(JsonLocation at) {
        return at == null || at.getLineNr() < 1 ? null : at.getLineNr();
    }

    private static Integer column(JsonLocation at) {
        return at == null || at.getColumnNr() < 1 ? null : at.getColumnNr();
    }

    /** The parser's reason on one line, without its note on how it hides the source. */
    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).replaceAll("\\[Source: [^;]*; ", "[");
    }

    private static ObjectMapper exact(ObjectMapper mapper) {
        return mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    private static JsonSchema loadSchema() {
        try (InputStream in = OrganisationFiles.class.getClassLoader().getResourceAsStream(SCHEMA)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA + " is missing from the class path");
            }
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().locale(Locale.ENGLISH)
                    .errorMessageKeyword("errorMessage").build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
