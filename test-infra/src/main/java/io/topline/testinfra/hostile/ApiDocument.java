package io.topline.testinfra.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/** A service's OpenAPI document read as the operations it offers and a valid-looking example of each input. */
public final class ApiDocument {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 6;

    private final JsonNode root;
    private final List<Operation> operations = new ArrayList<>();

    /** One parameter of an operation: where it goes ({@code path}, {@code query}, {@code header}) and its schema. */
    public record Parameter(String name, String in, boolean required, JsonNode schema) {
    }

    /** One operation; {@code bodySchema} is null when it takes no JSON body. */
    public record Operation(String method, String path, List<Parameter> parameters, String bodyType,
                            JsonNode bodySchema, boolean eventStream) {

        public String name() {
            return method + " " + path;
        }
    }

    private ApiDocument(JsonNode root) {
        this.root = root;
        Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
            while (methods.hasNext()) {
                Map.Entry<String, JsonNode> method = methods.next();
                if (!method.getKey().equals("parameters")) {
                    operations.add(operation(path.getKey(), method.getKey(), method.getValue(), path.getValue()));
                }
            }
        }
    }

    /** Reads the document a service serves as JSON. */
    public static ApiDocument parse(String json) {
        try {
            return new ApiDocument(JSON.readTree(json));
        } catch (IOException e) {
            throw new IllegalArgumentException("not an OpenAPI document", e);
        }
    }

    public List<Operation> operations() {
        return operations;
    }

    private Operation operation(String path, String method, JsonNode operation, JsonNode pathItem) {
        List<Parameter> parameters = new ArrayList<>();
        for (JsonNode source : List.of(pathItem.path("parameters"), operation.path("parameters"))) {
            for (JsonNode parameter : source) {
                JsonNode resolved = resolve(parameter);
                parameters.add(new Parameter(resolved.path("name").asText(), resolved.path("in").asText(),
                        resolved.path("required").asBoolean(false), resolve(resolved.path("schema"))));
            }
        }
        String bodyType = null;
        JsonNode bodySchema = null;
        Iterator<Map.Entry<String, JsonNode>> content = resolve(operation.path("requestBody")).path("content").fields();
        if (content.hasNext()) {
            Map.Entry<String, JsonNode> first = content.next();
            bodyType = first.getKey();
            bodySchema = resolve(first.getValue().path("schema"));
        }
        boolean stream = operation.path("responses").toString().contains("text/event-stream");
        return new Operation(method.toUpperCase(Locale.ROOT), path, parameters, bodyType, bodySchema, stream);
    }

    /** Follows a {@code $ref} to its component. */
    public JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current.has("$ref") && hops < 10; hops++) {
            String[] parts = current.get("$ref").asText().replaceFirst("^#/", "").split("/");
            JsonNode target = root;
            for (String part : parts) {
                target = target.path(part);
            }
            current = target;
        }
        return current;
    }

    /** A value that fits {@code schema}, chosen with {@code random} so runs differ by seed, not by chance. */
    public JsonNode example(JsonNode schema, Random random) {
        return example(resolve(schema), random, 0);
    }

    private JsonNode example(JsonNode schema, Random random, int depth) {
        if (schema.has("allOf")) {
            return example(resolve(schema.get("allOf").get(0)), random, depth);
        }
        for (String choice : List.of("oneOf", "anyOf")) {
            if (schema.has(choice)) {
                JsonNode options = schema.get(choice);
                return example(resolve(options.get(random.nextInt(options.size()))), random, depth);
            }
        }
        if (schema.has("enum") && schema.get("enum").size() > 0) {
            JsonNode values = schema.get("enum");
            return values.get(random.nextInt(values.size()));
        }
        String type = typeOf(schema);
        return switch (type) {
            case "object" -> object(schema, random, depth);
            case "array" -> array(schema, random, depth);
            case "integer" -> NODES.numberNode(integerIn(schema, random));
            case "number" -> NODES.numberNode(Math.round(random.nextDouble() * 10000) / 100.0);
            case "boolean" -> NODES.booleanNode(random.nextBoolean());
            default -> NODES.textNode(string(schema, random));
        };
    }

    private static String typeOf(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode option : type) {
                if (!option.asText().equals("null")) {
                    return option.asText();
                }
            }
        }
        if (type.isTextual()) {
            return type.asText();
        }
        return schema.has("properties") ? "object" : "string";
    }

    private ObjectNode object(JsonNode schema, Random random, int depth) {
        ObjectNode object = NODES.objectNode();
        if (depth >= MAX_DEPTH) {
            return object;
        }
        Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> property = properties.next();
            if (!property.getValue().path("readOnly").asBoolean(false)) {
                object.set(property.getKey(), example(resolve(property.getValue()), random, depth + 1));
            }
        }
        return object;
    }

    private ArrayNode array(JsonNode schema, Random random, int depth) {
        ArrayNode array = NODES.arrayNode();
        int size = depth >= MAX_DEPTH ? 0 : 1 + random.nextInt(2);
        for (int i = 0; i < size; i++) {
            array.add(example(resolve(schema.path("items")), random, depth + 1));
        }
        return array;
    }

    private static long integerIn(JsonNode schema, Random random) {
        long min = schema.path("minimum").asLong(0);
        long max = schema.path("maximum").asLong(min + 100);
        return min + (long) (random.nextDouble() * Math.max(0, Math.min(max - min, 1000)));
    }

    private static String string(JsonNode schema, Random random) {
        String format = schema.path("format").asText("");
        return switch (format) {
            case "uuid" -> new UUID(random.nextLong(), random.nextLong()).toString();
            case "date-time" -> "2026-11-" + (10 + random.nextInt(18)) + "T09:30:00Z";
            case "date" -> "2026-11-" + (10 + random.nextInt(18));
            case "email" -> "someone" + random.nextInt(1000) + "@example.com";
            case "uri", "url" -> "https://example.com/hook/" + random.nextInt(1000);
            default -> "sample-" + Integer.toString(random.nextInt(1 << 20), 36);
        };
    }
}
