package io.topline.cli.organisation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.topline.contracts.organisation.OrganisationFiles;
import io.topline.contracts.organisation.OrganisationFiles.FileError;
import io.topline.contracts.organisation.OrganisationFiles.Format;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ${VARIABLE}} references of an organisation file's receivers ({@code url}, {@code routingKey}): their
 * values come from the environment and go to the suite in the body's {@code secrets}, added after the file's last
 * line (or before its closing brace), so that every line and column the suite reports is still the file's. A
 * variable that is not set is an error before anything is sent; no value is ever printed.
 */
final class SecretReferences {

    private static final Pattern REFERENCE = Pattern.compile("^\\$\\{([A-Za-z_][A-Za-z0-9_]*)}$");
    private static final List<String> SECRET_FIELDS = List.of("url", "routingKey");
    private static final ObjectMapper JSON = new ObjectMapper();

    private SecretReferences() {
    }

    /** The body to send and the errors that stop it (a variable not set, a file that holds secrets itself). */
    record Resolved(String body, List<FileError> errors) {
    }

    static Resolved resolve(OrganisationFileInput input, Function<String, String> environment) {
        JsonNode document = input.checked().document();
        List<FileError> errors = new ArrayList<>();
        if (document.has("secrets")) {
            errors.add(error(document, "secrets", "a file never holds secret values: write ${VARIABLE} where one goes "
                    + "and set the environment variable; the tool sends its value"));
            return new Resolved(null, errors);
        }
        Map<String, String> secrets = new TreeMap<>();
        JsonNode receivers = document.path("receivers");
        for (int i = 0; i < receivers.size(); i++) {
            for (String field : SECRET_FIELDS) {
                String path = "receivers[" + i + "]." + field;
                variable(receivers.get(i).path(field)).ifPresent(variable -> {
                    String value = environment.apply(variable);
                    if (value == null || value.isEmpty()) {
                        errors.add(error(document, path, "refers to ${" + variable + "}, but the environment "
                                + "variable " + variable + " is not set"));
                    } else {
                        secrets.put(variable, value);
                    }
                });
            }
        }
        if (!errors.isEmpty() || secrets.isEmpty()) {
            return new Resolved(errors.isEmpty() ? input.text() : null, errors);
        }
        return new Resolved(withSecrets(input.text(), input.format(), secrets), errors);
    }

    /** The file's text with {@code secrets} added as its last field, every earlier line and column unchanged. */
    static String withSecrets(String text, Format format, Map<String, String> secrets) {
        String json;
        try {
            json = JSON.writeValueAsString(secrets);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String body;
        if (format == Format.JSON || text.stripLeading().startsWith("{")) {
            int end = closingBrace(text, format);
            body = text.substring(0, end) + ", \"secrets\": " + json + text.substring(end);
        } else {
            body = text + (text.endsWith("\n") ? "" : "\n") + "secrets: " + json + "\n";
        }
        JsonNode read = OrganisationFiles.check(body, format).document();
        if (read == null || !JSON.valueToTree(secrets).equals(read.get("secrets"))) {
            throw new IllegalArgumentException("the secrets cannot be added after the file's last line: write it as "
                    + "one document whose top is a mapping");
        }
        return body;
    }

    /** Where the top object's closing brace is: for JSON by its tokens, for a YAML flow mapping its last brace. */
    private static int closingBrace(String text, Format format) {
        if (format == Format.YAML) {
            return text.lastIndexOf('}');
        }
        try (JsonParser parser = new JsonFactory().createParser(text)) {
            int depth = 0;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token.isStructStart()) {
                    depth++;
                } else if (token.isStructEnd() && --depth == 0) {
                    return (int) parser.currentTokenLocation().getCharOffset();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalArgumentException("the file has no closing brace");
    }

    private static Optional<String> variable(JsonNode value) {
        if (!value.isTextual()) {
            return Optional.empty();
        }
        Matcher matcher = REFERENCE.matcher(value.asText());
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private static FileError error(JsonNode document, String path, String message) {
        return OrganisationFiles.locate(document, path)
                .map(at -> new FileError(path, message, at.getLineNr(), at.getColumnNr()))
                .orElse(new FileError(path, message, null, null));
    }
}
