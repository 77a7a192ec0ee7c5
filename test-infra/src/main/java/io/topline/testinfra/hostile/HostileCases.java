package io.topline.testinfra.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;

/**
 * Generates hostile requests for every operation of an OpenAPI document: a valid-looking request per operation,
 * then one mutation of its strings, numbers, types, structure, encoding, parameters, headers, size or method.
 */
public final class HostileCases {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Strings PostgreSQL, the domain or a careless parser may not hold; written as JSON string literals. */
    static final List<String> STRINGS = List.of("\"\\u0000\"", "\"a\\u0000b\"", "\"\"", "\"   \"",
            "\"" + "x".repeat(100_000) + "\"", "\"\\ud800\"", "\"\\udfff\\ud800\"", "\"\\u202e\\u0007\\u001b[31m\"",
            "\"'; DROP TABLE measures; --\"", "\"%00\"", "\"../../../etc/passwd\"", "\"${jndi:ldap://x/a}\"",
            "\"\\ud83d\\ude00\\u0301\\u0301\"", "\"\\t\\r\\n\"", "\"" + "é".repeat(5_000) + "\"", "\"null\"",
            "\"1e-100000000\"", "\"2026-02-30T25:61:00Z\"", "\"-99999-01-01T00:00:00Z\"", "\"+999999999-12-31\"",
            "\"" + "a".repeat(256) + "\"", "\"<script>alert(1)</script>\"", "\"\\\\u0000\"", "\"\\ufeff\"",
            "\"0000-00-00\"", "\"2026-W99\"", "\"NaN\"", "\"https://169.254.169.254/latest\"");

    /** Numbers that are expensive, out of range or not numbers at all; written as JSON literals. */
    static final List<String> NUMBERS = List.of("1e-100000000", "1e100000000", "-1e-400", "1e400", "-0",
            "9223372036854775808", "-9223372036854775809", "2147483648", "-2147483649", "0.0000000000001",
            "123456789012345678901234567890.123456789", "1E+38", "NaN", "Infinity", "-Infinity",
            "1.7976931348623157E309", "4.9E-325", "0." + "1".repeat(900), "1" + "0".repeat(900), "1e2147483648",
            "0e-2147483647", "-1", "0", "1.5", "12e");

    /** Values of the wrong JSON type. */
    static final List<String> TYPES = List.of("true", "null", "[]", "{}", "\"text\"", "42", "[[[]]]", "{\"a\":{}}");

    /** Hostile text for a path or query parameter, already percent-encoded where it needs to be. */
    static final List<String> PARAMS = List.of("%00", "a%00b", "%zz", "%", "%e2%80%ae", "%ff%fe", "..%2f..%2f",
            "2147483648", "-1", "99999999999999999999", "1e9", "%20", "", "x".repeat(3_000), "%c0%80",
            "%27%3B--", "2026-W99", "2026-13", "null", "%ed%a0%80", "0", "1.5", "true", "%2e%2e");

    /** Page and size values that must not overflow or leak an error. */
    static final List<String> PAGING = List.of("2147483647", "2147483648", "-2147483648", "-1", "0", "1e3",
            "99999999999", "abc", "%00", "500", "501", "1000000");

    private final ApiDocument api;
    private final String host;
    private final String token;
    private final Random random;

    public HostileCases(ApiDocument api, String host, String token, long seed) {
        this.api = api;
        this.host = host;
        this.token = token;
        this.random = new Random(seed);
    }

    /** {@code count} cases, spread over every operation in turn. */
    public List<HostileCase> generate(int count) {
        List<ApiDocument.Operation> operations = api.operations();
        List<HostileCase> cases = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            cases.add(mutate(operations.get(i % operations.size())));
        }
        return cases;
    }

    private HostileCase mutate(ApiDocument.Operation operation) {
        Request request = baseline(operation);
        int family = random.nextInt(11);
        return switch (family) {
            case 0, 1 -> body(request, operation, "string", STRINGS);
            case 2 -> body(request, operation, "number", NUMBERS);
            case 3 -> body(request, operation, "type", TYPES);
            case 4 -> structure(request, operation);
            case 5 -> encoding(request, operation);
            case 6, 7 -> parameter(request, operation);
            case 8 -> header(request, operation);
            case 9 -> size(request, operation);
            default -> method(request, operation);
        };
    }

    // -- the baseline: a request that looks valid -------------------------------------------------------------

    /** A request being built: its parts stay apart until {@link #toCase} writes the bytes. */
    private static final class Request {
        String method;
        String path;
        final Map<String, List<String>> query = new LinkedHashMap<>();
        final Map<String, String> headers = new LinkedHashMap<>();
        byte[] body = new byte[0];
        JsonNode json;
        String label;
    }

    private Request baseline(ApiDocument.Operation operation) {
        Request request = new Request();
        request.method = operation.method();
        request.label = operation.name();
        String path = operation.path();
        for (ApiDocument.Parameter parameter : operation.parameters()) {
            String value = api.example(parameter.schema(), random).asText();
            switch (parameter.in()) {
                case "path" -> path = path.replace("{" + parameter.name() + "}", encode(value));
                case "query" -> {
                    if (parameter.required() || random.nextBoolean()) {
                        request.query.put(parameter.name(), new ArrayList<>(List.of(encode(value))));
                    }
                }
                case "header" -> {
                    if (parameter.required() || random.nextBoolean()) {
                        request.headers.put(parameter.name(), value);
                    }
                }
                default -> {
                }
            }
        }
        request.path = path;
        request.headers.put("Authorization", "Bearer " + token);
        request.headers.put("Accept", operation.eventStream() ? "text/event-stream" : "application/json");
        if (operation.bodySchema() != null) {
            request.headers.put("Content-Type", operation.bodyType());
            request.json = api.example(operation.bodySchema(), random);
            request.body = request.json.toString().getBytes(StandardCharsets.UTF_8);
        }
        return request;
    }

    // -- mutations ---------------------------------------------------------------------------------------------

    private HostileCase body(Request request, ApiDocument.Operation operation, String kind, List<String> values) {
        if (request.json == null || !(request.json.isContainerNode()) || request.json.isEmpty()) {
            return parameter(request, operation);
        }
        List<String> leaves = new ArrayList<>();
        collectLeaves(request.json, "", leaves);
        String target = leaves.get(random.nextInt(leaves.size()));
        String value = pick(values);
        String marker = "\"@@hostile@@\"";
        JsonNode copy = request.json.deepCopy();
        replaceAt(copy, target, NODES.textNode("@@hostile@@"));
        request.body = copy.toString().replace(marker, value).getBytes(StandardCharsets.UTF_8);
        request.label += " body " + kind + " " + target + "=" + abbreviate(value);
        return toCase(request, true);
    }

    private HostileCase structure(Request request, ApiDocument.Operation operation) {
        if (request.json == null) {
            return parameter(request, operation);
        }
        String text = request.json.toString();
        List<BiFunction<String, JsonNode, String>> shapes = List.of(
                (t, n) -> removeOne(n),
                (t, n) -> withExtraField(n),
                (t, n) -> "[".repeat(100_000) + "]".repeat(100_000),
                (t, n) -> "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000),
                (t, n) -> t.startsWith("{") && t.length() > 2 ? t.replaceFirst("\\{", "{\"dup\":1,\"dup\":2,") : t + t,
                (t, n) -> t.substring(0, t.length() / 2),
                (t, n) -> "",
                (t, n) -> "null",
                (t, n) -> "[" + t + "]",
                (t, n) -> "\"" + t.replace("\"", "\\\"") + "\"",
                (t, n) -> t + " trailing",
                (t, n) -> "/* comment */ " + t,
                (t, n) -> "{\"items\":[" + "{},".repeat(20_000) + "{}]}",
                (t, n) -> "{'single':'quotes'}",
                (t, n) -> t.replace(":", ":\u0000"));
        int shape = random.nextInt(shapes.size());
        request.body = shapes.get(shape).apply(text, request.json.deepCopy()).getBytes(StandardCharsets.UTF_8);
        request.label += " structure #" + shape;
        return toCase(request, true);
    }

    private HostileCase encoding(Request request, ApiDocument.Operation operation) {
        if (request.json == null) {
            return header(request, operation);
        }
        String text = request.json.toString();
        int variant = random.nextInt(8);
        switch (variant) {
            case 0 -> request.body = splice(text, new byte[]{(byte) 0xC3, (byte) 0x28});
            case 1 -> request.body = splice(text, new byte[]{(byte) 0xFF, (byte) 0xFE, (byte) 0xFD});
            case 2 -> request.body = splice(text, new byte[]{(byte) 0xC0, (byte) 0x80});
            case 3 -> request.body = concat(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, text.getBytes(StandardCharsets.UTF_8));
            case 4 -> {
                request.body = text.getBytes(StandardCharsets.UTF_16);
                request.headers.put("Content-Type", "application/json; charset=utf-16");
            }
            case 5 -> request.headers.put("Content-Type", pick(List.of("text/plain", "application/xml",
                    "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/json; charset=latin1",
                    "application/json; charset=nonsense", "*/*", "application/", ";;;", "application/json;;a=")));
            case 6 -> request.headers.remove("Content-Type");
            default -> request.body = splice(text, new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80});
        }
        request.label += " encoding #" + variant;
        return toCase(request, true);
    }

    private HostileCase parameter(Request request, ApiDocument.Operation operation) {
        List<ApiDocument.Parameter> parameters = operation.parameters().stream()
                .filter(p -> p.in().equals("path") || p.in().equals("query")).toList();
        int choice = random.nextInt(parameters.size() + 3);
        if (choice < parameters.size()) {
            ApiDocument.Parameter parameter = parameters.get(choice);
            boolean paging = parameter.name().equals("page") || parameter.name().equals("size");
            String value = pick(paging && random.nextBoolean() ? PAGING : PARAMS);
            if (parameter.in().equals("path")) {
                request.path = pathWith(operation, parameter.name(), value, request.path);
            } else {
                request.query.put(parameter.name(), new ArrayList<>(List.of(value)));
            }
            request.label += " " + parameter.in() + " " + parameter.name() + "=" + abbreviate(value);
        } else if (choice == parameters.size()) {
            request.query.put(pick(List.of("page", "size")), new ArrayList<>(List.of(pick(PAGING))));
            request.label += " paging " + request.query;
        } else if (choice == parameters.size() + 1) {
            String value = pick(PARAMS);
            request.query.put("unknown%00", new ArrayList<>(List.of(value)));
            request.label += " unknown query parameter unknown%00=" + abbreviate(value);
        } else {
            List<String> repeated = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                repeated.add(Integer.toString(i));
            }
            request.query.put(parameters.isEmpty() ? "page" : parameters.get(0).name(), repeated);
            request.label += " repeated query parameter";
        }
        return toCase(request, true);
    }

    private HostileCase header(Request request, ApiDocument.Operation operation) {
        int variant = random.nextInt(14);
        switch (variant) {
            case 0 -> request.headers.put("Authorization", pick(List.of("Bearer", "Bearer ", "Bearer abc.def.ghi",
                    "Basic YWRtaW46YWRtaW4=", "Bearer " + "a".repeat(4_000), "Negotiate x", "bearer " + token,
                    "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")));
            case 1 -> request.headers.remove("Authorization");
            case 2 -> request.headers.put("Accept", pick(List.of("application/xml", "text/html", "garbage", "*/*;q=x",
                    "application/problem+json", "text/event-stream", ";")));
            case 3 -> request.headers.put("Idempotency-Key", pick(List.of("", " ", "k".repeat(2_000), "%00",
                    "key with spaces", "ключ", "a,b")));
            case 4 -> request.headers.put("Last-Event-ID", pick(List.of("", "-1", "abc", "99999999999999999999",
                    "2026-13-01", "0-0-0", "x".repeat(2_000))));
            case 5 -> request.headers.put("X-Pad", "p".repeat(9_000 + random.nextInt(30_000)));
            case 6 -> {
                for (int i = 0; i < 300; i++) {
                    request.headers.put("X-Many-" + i, "v" + i);
                }
            }
            case 7 -> request.headers.put("X-Forwarded-For", pick(List.of("999.999.1.1", "::::", "unknown, , ,")));
            case 8 -> request.headers.put("Host", pick(List.of("", "a b", "%00", "[::1", "x:99999", "h".repeat(300))));
            case 9 -> request.headers.put("Content-Type", pick(List.of("application/json; charset=\"\"",
                    "application/json; boundary", "application/merge-patch+json")));
            case 10 -> request.headers.put("Expect", "100-continue");
            case 11 -> request.headers.put("Accept-Encoding", pick(List.of("gzip;q=nope", "br, zstd, *;q=0", "identity;q=0")));
            case 12 -> request.headers.put("Origin", "https://evil.example");
            default -> request.headers.put("Accept-Language", "x".repeat(500));
        }
        request.label += " header #" + variant;
        return toCase(request, true);
    }

    private HostileCase size(Request request, ApiDocument.Operation operation) {
        int variant = random.nextInt(4);
        switch (variant) {
            case 0 -> request.query.put("q", new ArrayList<>(List.of("u".repeat(9_000 + random.nextInt(40_000)))));
            case 1 -> request.path = request.path + "/" + "s".repeat(9_000 + random.nextInt(20_000));
            case 2 -> {
                // over every service's body limit (the largest is metrics' 4 MiB)
                request.body = ("{\"pad\":\"" + "b".repeat(5 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
                request.headers.put("Content-Type", "application/json");
            }
            default -> request.body = ("[" + "1,".repeat(200_000) + "1]").getBytes(StandardCharsets.UTF_8);
        }
        request.label += " size #" + variant;
        return toCase(request, true);
    }

    private HostileCase method(Request request, ApiDocument.Operation operation) {
        int variant = random.nextInt(8);
        if (variant < 6) {
            request.method = List.of("PATCH", "PUT", "DELETE", "OPTIONS", "TRACE", "FOO").get(variant);
            request.label += " method " + request.method;
            return toCase(request, true);
        }
        // beyond HTTP itself: a control byte in a header value, a bad request line; the codec refuses these
        request.label += " protocol #" + variant;
        if (variant == 6) {
            request.headers.put("X-Bad", "a\u007fb\u0001c");
        } else {
            request.path = request.path + " extra";
        }
        return toCase(request, false);
    }

    // -- writing the bytes ---------------------------------------------------------------------------------------

    private HostileCase toCase(Request request, boolean wellFormed) {
        StringBuilder head = new StringBuilder();
        head.append(request.method).append(' ').append(request.path);
        String separator = "?";
        for (Map.Entry<String, List<String>> parameter : request.query.entrySet()) {
            for (String value : parameter.getValue()) {
                head.append(separator).append(parameter.getKey()).append('=').append(value);
                separator = "&";
            }
        }
        // a '%' without two hex digits makes the request line invalid HTTP (RFC 9112, 3.2; RFC 3986, 2.1): the codec's
        boolean validTarget = validTarget(head.toString());
        head.append(" HTTP/1.1\r\n");
        if (!request.headers.containsKey("Host")) {
            head.append("Host: ").append(host).append("\r\n");
        }
        for (Map.Entry<String, String> header : request.headers.entrySet()) {
            head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
        }
        if (request.body.length > 0 || !request.method.equals("GET")) {
            head.append("Content-Length: ").append(request.body.length).append("\r\n");
        }
        head.append("Connection: close\r\n");
        return new HostileCase(request.label, head.toString().getBytes(StandardCharsets.UTF_8), request.body,
                wellFormed && validTarget);
    }

    // -- helpers -------------------------------------------------------------------------------------------------

    private String pathWith(ApiDocument.Operation operation, String name, String value, String current) {
        String[] template = operation.path().split("/");
        String[] actual = current.split("/", -1);
        for (int i = 0; i < template.length && i < actual.length; i++) {
            if (template[i].equals("{" + name + "}")) {
                actual[i] = value;
            }
        }
        return String.join("/", actual);
    }

    private static boolean validTarget(String requestLine) {
        for (int at = requestLine.indexOf('%'); at >= 0; at = requestLine.indexOf('%', at + 1)) {
            if (at + 2 >= requestLine.length() || Character.digit(requestLine.charAt(at + 1), 16) < 0
                    || Character.digit(requestLine.charAt(at + 2), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static void collectLeaves(JsonNode node, String path, List<String> leaves) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                collectLeaves(field.getValue(), path + "/" + field.getKey(), leaves);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectLeaves(node.get(i), path + "/" + i, leaves);
            }
        }
        leaves.add(path.isEmpty() ? "/" : path);
    }

    private static void replaceAt(JsonNode root, String pointer, JsonNode value) {
        if (pointer.equals("/")) {
            if (root instanceof ObjectNode object) {
                object.removeAll().set("@@root@@", value);
            }
            return;
        }
        int cut = pointer.lastIndexOf('/');
        JsonNode parent = cut == 0 ? root : root.at(pointer.substring(0, cut));
        String key = pointer.substring(cut + 1);
        if (parent instanceof ObjectNode object) {
            object.set(key, value);
        } else if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(key), value);
        }
    }

    private String removeOne(JsonNode node) {
        if (node instanceof ObjectNode object && object.size() > 0) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            object.remove(names.get(random.nextInt(names.size())));
        }
        return node.toString();
    }

    private String withExtraField(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.put("unexpected\u0000field", "x");
        }
        return node.toString();
    }

    private byte[] splice(String text, byte[] bytes) {
        int quote = text.indexOf("\":\"");
        int at = quote < 0 ? text.length() / 2 : quote + 3;
        byte[] before = text.substring(0, at).getBytes(StandardCharsets.UTF_8);
        byte[] after = text.substring(at).getBytes(StandardCharsets.UTF_8);
        return concat(concat(before, bytes), after);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(a.length + b.length);
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…(" + value.length() + ")" : value;
    }
}
