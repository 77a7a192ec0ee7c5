package io.topline.drivers.measure;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.topline.drivers.TestData;
import io.topline.testinfra.RequestAs;
import io.topline.testinfra.ToplineInfrastructure;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.topline.drivers.TestData.asAdmin;
import static io.topline.drivers.TestData.asViewer;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The read-modify-write loop on measures: GET then PUT of the same body (targets too), merge patch, refusals. */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class MeasurePatchTest {

    private static final String MERGE_PATCH = "application/merge-patch+json";

    @Test
    void shouldAcceptTheBodyGetReturnsTargetsIncludedWithOneFieldChanged() {
        String key = measureWithTarget("round-trip");
        Map<String, Object> read = read(key);
        Map<String, Object> sent = new HashMap<>(read);
        sent.put("name", "Renamed " + key);

        Map<String, Object> answer = asAdmin().header("If-Match", "\"2\"").body(sent).put("/measures/" + key)
                .then().statusCode(200).header("ETag", equalTo("\"3\"")).extract().as(Map.class);

        Map<String, Object> expected = new HashMap<>(sent);
        expected.put("revision", 3);
        expected.put("updatedAt", answer.get("updatedAt"));
        assertEquals(expected, answer);
    }

    @Test
    void shouldRefuseAPutThatChangesAReadOnlyFieldNamingIt() {
        String key = measureWithTarget("read-only");
        Map<String, Object> read = read(key);
        Map<String, Object> changes = Map.of("key", key + "-other", "driverKey", "another-driver",
                "direction", "LOWER_IS_BETTER", "cadence", "WEEKLY", "archived", true, "revision", 9,
                "targets", List.of(), "createdAt", "2020-01-01T00:00:00Z", "updatedAt", "2020-01-01T00:00:00Z");
        for (Map.Entry<String, Object> change : changes.entrySet()) {
            Map<String, Object> sent = new HashMap<>(read);
            sent.put(change.getKey(), change.getValue());
            asAdmin().header("If-Match", "\"2\"").body(sent).put("/measures/" + key)
                    .then().statusCode(422).contentType("application/problem+json")
                    .body("type", equalTo("https://topline.dev/problems/unprocessable"))
                    .body("instance", equalTo("/measures/" + key))
                    .body("violations.field", equalTo(List.of(change.getKey())));
        }
        asViewer().get("/measures/" + key).then().statusCode(200).header("ETag", equalTo("\"2\""));
    }

    @Test
    void shouldMergeThePatchChangingNamedFieldsAndRemovingNulls() {
        String key = measureWithTarget("patch");
        Map<String, Object> read = read(key);

        Map<String, Object> answer = patch(key, "\"2\"", "{\"name\":\"Qualified leads\",\"unit\":\"COUNT\","
                + "\"aggregation\":\"SUM\",\"description\":null,\"cadence\":\"MONTHLY\"}")
                .then().statusCode(200).header("ETag", equalTo("\"3\"")).extract().as(Map.class);

        Map<String, Object> expected = new HashMap<>(read);
        expected.put("name", "Qualified leads");
        expected.put("unit", "COUNT");
        expected.put("aggregation", "SUM");
        expected.put("description", null);
        expected.put("revision", 3);
        expected.put("updatedAt", answer.get("updatedAt"));
        assertEquals(expected, answer);
    }

    @Test
    void shouldRefuseEveryBadPatchWithAProblem() {
        String key = measureWithTarget("bad-patch");
        refused(patch(key, null, "{\"name\":\"x\"}"), 428, "precondition-required", null);
        refused(patch(key, "\"1\"", "{\"name\":\"x\"}"), 412, "precondition-failed", null);
        refused(patch(key, "\"2\"", "not json"), 400, "malformed-json", null);
        refused(patch(key, "\"2\"", "\"a string\""), 400, "validation", "body");
        refused(patch(key, "\"2\"", "{\"colour\":\"red\"}"), 400, "unknown-field", "colour");
        refused(patch(key, "\"2\"", "{\"unit\":null}"), 400, "validation", "unit");
        refused(patch(key, "\"2\"", "{\"currency\":\"eur\"}"), 400, "validation", "currency");
        refused(patch(key, "\"2\"", "{\"unit\":\"CURRENCY\"}"), 422, "unprocessable", "currency");
        refused(patch(key, "\"2\"", "{\"cadence\":\"WEEKLY\"}"), 422, "unprocessable", "cadence");
        refused(patch(key, "\"2\"", "{\"targets\":null}"), 200, null, null);
        refused(patch(key, "\"2\"", "{\"targets\":[]}"), 422, "unprocessable", "targets");
        refused(patch("no-such-measure", "\"1\"", "{\"name\":\"x\"}"), 404, "not-found", null);
        refused(RequestAs.viewer().contentType(MERGE_PATCH).header("If-Match", "\"2\"").body("{\"name\":\"x\"}")
                .patch("/measures/" + key), 403, "forbidden", null);
    }

    private String measureWithTarget(String prefix) {
        String driver = TestData.createDriver(prefix + "-driver");
        String key = TestData.createMeasure(prefix, driver);
        asAdmin().body(TestData.target("2026-01", 90.50, 80)).post("/measures/" + key + "/targets")
                .then().statusCode(201);
        return key;
    }

    private static Response patch(String key, String ifMatch, String body) {
        RequestSpecification request = RequestAs.admin().contentType(MERGE_PATCH).body(body);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.patch("/measures/" + key);
    }

    private static void refused(Response response, int status, String slug, String field) {
        response.then().statusCode(status);
        if (slug != null) {
            response.then().contentType("application/problem+json")
                    .body("type", equalTo("https://topline.dev/problems/" + slug)).body("status", equalTo(status));
        }
        if (field != null) {
            response.then().body("violations[0].field", equalTo(field));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(String key) {
        return asViewer().get("/measures/" + key).then().statusCode(200).extract().as(Map.class);
    }
}
