package io.topline.drivers;

import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.topline.testinfra.RequestAs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The module's one test-data factory: unique keys, request bodies and authenticated requests. */
public final class TestData {

    private TestData() {
    }

    /** A key no other test uses, since the database is shared by the whole module run. */
    public static String key(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A JSON request as the admin test user (see {@link RequestAs}). */
    public static RequestSpecification asAdmin() {
        return RequestAs.admin().contentType(ContentType.JSON);
    }

    /** An organisation file request as the admin test user, in YAML. */
    public static RequestSpecification asAdminYaml() {
        return yaml(RequestAs.admin());
    }

    /** The request with a YAML body, sent as the text it is. */
    public static RequestSpecification yaml(RequestSpecification request) {
        return request.config(RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                .encodeContentTypeAs("application/yaml", ContentType.TEXT))).contentType("application/yaml");
    }

    /** An organisation file: these drivers and measures (maps made by {@link #driver} and {@link #measure}). */
    public static Map<String, Object> organisation(List<Map<String, Object>> drivers, List<Map<String, Object>> measures) {
        Map<String, Object> file = new HashMap<>();
        file.put("drivers", new ArrayList<>(drivers));
        file.put("measures", new ArrayList<>(measures));
        return file;
    }

    /** A measure of an organisation file, with its target schedule. */
    @SafeVarargs
    public static Map<String, Object> measureWithTargets(String key, String driverKey, Map<String, Object>... targets) {
        Map<String, Object> body = measure(key, driverKey);
        body.put("targets", new ArrayList<>(List.of(targets)));
        return body;
    }

    public static RequestSpecification asViewer() {
        return RequestAs.viewer().contentType(ContentType.JSON);
    }

    public static RequestSpecification asIngest() {
        return RequestAs.ingest().contentType(ContentType.JSON);
    }

    public static Map<String, Object> driver(String key, String... feedsInto) {
        Map<String, Object> body = new HashMap<>();
        body.put("key", key);
        body.put("name", "Driver " + key);
        body.put("function", "SALES");
        body.put("owner", "owner-" + key + "@example.com");
        body.put("description", "What " + key + " does");
        body.put("feedsInto", new ArrayList<>(List.of(feedsInto)));
        return body;
    }

    /** The update body that keeps a driver made by {@link #driver} as it is, ready to be changed. */
    public static Map<String, Object> driverUpdate(String key, String... feedsInto) {
        Map<String, Object> body = driver(key, feedsInto);
        body.remove("key");
        return body;
    }

    public static Map<String, Object> measure(String key, String driverKey) {
        Map<String, Object> body = new HashMap<>();
        body.put("key", key);
        body.put("driverKey", driverKey);
        body.put("name", "Measure " + key);
        body.put("unit", "PERCENT");
        body.put("aggregation", "LAST");
        body.put("direction", "HIGHER_IS_BETTER");
        body.put("cadence", "MONTHLY");
        body.put("description", "How " + key + " is doing");
        return body;
    }

    public static Map<String, Object> target(String effectiveFrom, Object success, Object failure) {
        Map<String, Object> body = new HashMap<>();
        body.put("effectiveFrom", effectiveFrom);
        body.put("successLevel", success);
        body.put("failureLevel", failure);
        body.put("severity", "CRITICAL");
        body.put("note", "set in a test");
        return body;
    }

    /** Creates a driver through the API and returns its key. */
    public static String createDriver(String prefix, String... feedsInto) {
        String key = key(prefix);
        asAdmin().body(driver(key, feedsInto)).post("/drivers").then().statusCode(201);
        return key;
    }

    /** Creates a measure of {@code driverKey} through the API and returns its key. */
    public static String createMeasure(String prefix, String driverKey) {
        return createMeasure(measure(key(prefix), driverKey));
    }

    public static String createMeasure(Map<String, Object> body) {
        asAdmin().body(body).post("/measures").then().statusCode(201);
        return (String) body.get("key");
    }

    /** The current ETag of a resource. */
    public static String etag(String path) {
        return asViewer().get(path).then().statusCode(200).extract().header("ETag");
    }
}
