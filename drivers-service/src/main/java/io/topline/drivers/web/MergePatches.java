package io.topline.drivers.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.topline.chassis.problem.Problem;
import io.topline.chassis.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import java.io.StringReader;
import java.util.List;
import java.util.Set;

/**
 * JSON Merge Patch (RFC 7396) of a definition: the patch is merged into the representation GET returns, and the
 * result is read and validated exactly as the body of a PUT would be.
 */
@ApplicationScoped
public class MergePatches {

    public static final String MEDIA_TYPE = "application/merge-patch+json";

    private final ObjectMapper mapper;
    private final Validator validator;

    public MergePatches(ObjectMapper mapper, Validator validator) {
        this.mapper = mapper;
        this.validator = validator;
    }

    /**
     * Merges {@code patch} into {@code current} and reads the result as {@code type}.
     *
     * @throws JsonProcessingException when the patch is not JSON, or the merged document does not fit {@code type}
     *                                 (an unknown field, a wrong type): the chassis answers 400 naming the field
     * @throws ConstraintViolationException when the merged request breaks a Bean Validation rule (400 listing each)
     */
    public <T> T apply(Object current, String patch, Class<T> type) throws JsonProcessingException {
        JsonValue merged = Json.createMergePatch(toJsonP(parseObject(patch))).apply(toJsonP(mapper.valueToTree(current)));
        T request = mapper.readValue(merged.toString(), type);
        Set<ConstraintViolation<T>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return request;
    }

    /** Parses with the service's own strict reader; only an object can patch a definition into a definition. */
    private JsonNode parseObject(String patch) throws JsonProcessingException {
        // decimals as written: read as doubles, 1e400 would become Infinity and then the string "Infinity"
        JsonNode node = patch == null || patch.isBlank() ? null
                : mapper.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(patch);
        if (node == null || !node.isObject()) {
            String message = "must be a JSON merge patch object (RFC 7396), such as {\"name\":\"New name\"}";
            throw new ProblemException(400, "validation", "Invalid request", "The body " + message,
                    List.of(new Problem.Violation("body", message)));
        }
        return node;
    }

    private static JsonValue toJsonP(JsonNode node) {
        try (JsonReader reader = Json.createReader(new StringReader(node.toString()))) {
            return reader.readValue();
        }
    }
}
