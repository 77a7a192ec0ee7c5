package io.topline.e2e;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.topline.testinfra.RequestAs;
import io.topline.testinfra.TestTokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Calls the suite's APIs as a client would, and compares JSON the way the tests mean it (numbers by value). */
public final class Api {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Api() {
    }

    /** A request as {@code role} (one of {@link TestTokens}' roles), with the token the suite's start command printed. */
    public static RequestSpecification as(String role) {
        return RequestAs.role(Suite::token, role);
    }

    /** GETs {@code url} with a token of {@code role}, expects {@code status}, and returns the body. */
    public static JsonNode get(String url, String role, int status) {
        Response response = as(role).get(url);
        return body(response, status, "GET " + url);
    }

    /** POSTs JSON to {@code url} with a token of {@code role}, expects {@code status}, and returns the body. */
    public static JsonNode post(String url, String role, Object body, int status) {
        Response response = as(role).contentType("application/json").body(body).post(url);
        return body(response, status, "POST " + url);
    }

    private static JsonNode body(Response response, int status, String what) {
        String text = response.asString();
        assertEquals(status, response.statusCode(), what + " answered " + response.statusCode() + ": " + text);
        return parse(text);
    }

    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json == null || json.isEmpty() ? "null" : json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    public static ObjectNode object(Map<String, ?> fields) {
        return MAPPER.valueToTree(fields);
    }

    /**
     * A copy of {@code node} without the named fields (at any depth) and with every number as its plain decimal
     * value, so that {@code 96.50} and {@code 96.5} compare equal and generated ids and clock times drop out.
     */
    public static JsonNode normalized(JsonNode node, Set<String> without) {
        if (node == null) {
            return null;
        }
        if (node.isNumber()) {
            return DecimalNode.valueOf(node.decimalValue().stripTrailingZeros());
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!without.contains(field.getKey())) {
                    copy.set(field.getKey(), normalized(field.getValue(), without));
                }
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(normalized(item, without)));
            return copy;
        }
        return node;
    }

    /** Asserts that two JSON documents are equal once normalized (see {@link #normalized}). */
    public static void assertJsonEquals(JsonNode expected, JsonNode actual, Set<String> without) {
        JsonNode e = normalized(expected, without);
        JsonNode a = normalized(actual, without);
        if (!e.equals(a)) {
            assertEquals(pretty(e), pretty(a));
        }
    }

    public static String pretty(JsonNode node) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
