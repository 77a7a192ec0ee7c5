package io.topline.drivers.driver;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
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
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The read-modify-write loop on drivers: GET then PUT of the same body, JSON Merge Patch, and every refusal. */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class DriverPatchTest {

    private static final String MERGE_PATCH = "application/merge-patch+json";

    @Test
    void shouldAcceptTheBodyGetReturnsWithOneFieldChanged() {
        String key = TestData.createDriver("round-trip");
        Map<String, Object> read = read(key);
        Map<String, Object> sent = new HashMap<>(read);
        sent.put("name", "Renamed " + key);

        Map<String, Object> answer = asAdmin().header("If-Match", "\"1\"").body(sent).put("/drivers/" + key)
                .then().statusCode(200).header("ETag", equalTo("\"2\"")).extract().as(Map.class);

        Map<String, Object> expected = new HashMap<>(sent);
        expected.put("revision", 2);
        expected.put("updatedAt", answer.get("updatedAt"));
        assertEquals(expected, answer);
        asAdmin().header("If-Match", "\"2\"").body(answer).put("/drivers/" + key)
                .then().statusCode(200).header("ETag", equalTo("\"2\"")).body("revision", equalTo(2));
    }

    @Test
    void shouldRefuseAPutThatChangesAReadOnlyFieldNamingIt() {
        String key = TestData.createDriver("read-only");
        Map<String, Object> read = read(key);
        Map<String, Object> changes = Map.of("key", key + "-other", "archived", true, "revision", 7,
                "createdAt", "2020-01-01T00:00:00Z", "updatedAt", "2020-01-01T00:00:00Z");
        for (Map.Entry<String, Object> change : changes.entrySet()) {
            Map<String, Object> sent = new HashMap<>(read);
            sent.put(change.getKey(), change.getValue());
            asAdmin().header("If-Match", "\"1\"").body(sent).put("/drivers/" + key)
                    .then().statusCode(422).contentType("application/problem+json")
                    .body("type", equalTo("https://topline.dev/problems/unprocessable"))
                    .body("status", equalTo(422))
                    .body("instance", equalTo("/drivers/" + key))
                    .body("violations.field", equalTo(List.of(change.getKey())));
        }
        asViewer().get("/drivers/" + key).then().statusCode(200).header("ETag", equalTo("\"1\""));
    }

    @Test
    void shouldMergeThePatchChangingNamedFieldsAndRemovingNulls() {
        String downstream = TestData.createDriver("patch-down");
        String key = TestData.createDriver("patch", downstream);
        Map<String, Object> read = read(key);

        Map<String, Object> answer = patch(key, "\"1\"", "{\"owner\":\"kim@example.com\",\"description\":null,"
                + "\"function\":\"MARKETING\",\"key\":\"" + key + "\",\"revision\":1}")
                .then().statusCode(200).header("ETag", equalTo("\"2\"")).extract().as(Map.class);

        Map<String, Object> expected = new HashMap<>(read);
        expected.put("owner", "kim@example.com");
        expected.put("description", null);
        expected.put("function", "MARKETING");
        expected.put("revision", 2);
        expected.put("updatedAt", answer.get("updatedAt"));
        assertEquals(expected, answer);
        patch(key, "\"2\"", "{\"feedsInto\":null}").then().statusCode(200)
                .body("feedsInto", equalTo(List.of())).body("owner", equalTo("kim@example.com"))
                .body("revision", equalTo(3));
        patch(key, "\"3\"", "{}").then().statusCode(200).header("ETag", equalTo("\"3\""));
    }

    @Test
    void shouldRefuseEveryBadPatchWithAProblem() {
        String key = TestData.createDriver("bad-patch");
        refused(patch(key, null, "{\"name\":\"x\"}"), 428, "precondition-required", null);
        refused(patch(key, "\"9\"", "{\"name\":\"x\"}"), 412, "precondition-failed", null);
        refused(patch(key, "\"1\"", "{\"name\":"), 400, "malformed-json", null);
        refused(patch(key, "\"1\"", "[1]"), 400, "validation", "body");
        refused(patch(key, "\"1\"", ""), 400, "validation", "body");
        refused(patch(key, "\"1\"", "{\"colour\":\"red\"}"), 400, "unknown-field", "colour");
        refused(patch(key, "\"1\"", "{\"function\":\"FLYING\"}"), 400, "malformed-field", "function");
        refused(patch(key, "\"1\"", "{\"name\":\"\"}"), 400, "validation", "name");
        // numbers and text keep their exact form through the merge: no Infinity turned into the string "Infinity"
        refused(patch(key, "\"1\"", "{\"name\":1e400}"), 400, "malformed-field", "name");
        refused(patch(key, "\"1\"", "{\"name\":\"a\\u0000b\"}"), 400, "malformed-field", "name");
        refused(patch(key, "\"1\"", "{\"owner\":null}"), 400, "validation", "owner");
        refused(patch(key, "\"1\"", "{\"key\":\"renamed\"}"), 422, "unprocessable", "key");
        refused(patch(key, "\"1\"", "{\"revision\":5}"), 422, "unprocessable", "revision");
        refused(patch(key, "\"1\"", "{\"feedsInto\":[\"no-such-driver\"]}"), 422, "unprocessable", "feedsInto[0]");
        refused(patch(key, "\"1\"", "{\"feedsInto\":[\"" + key + "\"]}"), 409, "flow-cycle", "feedsInto[0]");
        refused(patch("no-such-driver", "\"1\"", "{\"name\":\"x\"}"), 404, "not-found", null);
        refused(RequestAs.admin().contentType("application/json").header("If-Match", "\"1\"")
                .body("{\"name\":\"x\"}").patch("/drivers/" + key), 415, "unsupported-media-type", null);
        refused(RequestAs.viewer().contentType(MERGE_PATCH).header("If-Match", "\"1\"").body("{\"name\":\"x\"}")
                .patch("/drivers/" + key), 403, "forbidden", null);
        asViewer().get("/drivers/" + key).then().statusCode(200).header("ETag", equalTo("\"1\""))
                .body("name", not(equalTo("x")));
    }

    @Test
    void shouldRefuseToPatchAnArchivedDriver() {
        String key = TestData.createDriver("archived-patch");
        asAdmin().header("If-Match", "\"1\"").post("/drivers/" + key + "/archive").then().statusCode(200);
        refused(patch(key, "\"2\"", "{\"name\":\"x\"}"), 409, "archived", null);
    }

    private static io.restassured.response.Response patch(String key, String ifMatch, String body) {
        RequestSpecification request = RequestAs.admin().contentType(MERGE_PATCH).body(body);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.patch("/drivers/" + key);
    }

    private static void refused(io.restassured.response.Response response, int status, String slug, String field) {
        response.then().statusCode(status).contentType("application/problem+json")
                .body("type", equalTo("https://topline.dev/problems/" + slug))
                .body("status", equalTo(status));
        if (field != null) {
            response.then().body("violations[0].field", equalTo(field));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(String key) {
        return asViewer().get("/drivers/" + key).then().statusCode(200).extract().as(Map.class);
    }
}
