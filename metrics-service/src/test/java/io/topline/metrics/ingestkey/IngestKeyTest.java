package io.topline.metrics.ingestkey;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.topline.metrics.catalog.MeasureCatalog;
import io.topline.metrics.support.TestData;
import io.topline.testinfra.RequestAs;
import io.topline.testinfra.ToplineInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Ingest keys over the real database: shown once and kept hashed, a measurement posted with one takes the key's
 * source, a measure outside its scope or another source is a 403 problem, it opens nothing but ingestion, its last
 * use shows, and a revoked key is refused.
 */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class IngestKeyTest {

    @Inject
    MeasureCatalog catalog;

    @Test
    void shouldPostAsTheKeysSourceWithinItsScopeAndRefuseEverythingElse() {
        String leads = measure();
        String other = measure();
        JsonPath created = RequestAs.admin().contentType(ContentType.JSON)
                .body(Map.of("source", "crm", "description", "nightly CRM export", "measures", List.of(leads)))
                .when().post("/ingest-keys").then().statusCode(201)
                .header("Location", containsString("/ingest-keys/")).extract().jsonPath();
        String secret = created.getString("key");
        String id = created.getString("id");
        assertEquals(Map.of("source", "crm", "description", "nightly CRM export", "measures", List.of(leads),
                        "prefix", secret.substring(0, 12), "revoked", false, "createdBy", "ada@example.com"),
                Map.of("source", created.getString("source"), "description", created.getString("description"),
                        "measures", created.getList("measures"), "prefix", created.getString("prefix"),
                        "revoked", created.getBoolean("revoked"), "createdBy", created.getString("createdBy")));
        assertNull(created.getString("lastUsedAt"));

        Instant at = TestData.thisMonth(30);
        withKey(secret).body(keyed(leads, 42, at)).when().post("/measurements")
                .then().statusCode(201).body("source", equalTo("crm")).body("measure", equalTo(leads));

        withKey(secret).body(keyed(other, 1, at)).when().post("/measurements")
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("https://topline.dev/problems/ingest-key-scope"))
                .body("violations", hasSize(1)).body("violations[0].field", equalTo("measure"));
        Map<String, Object> billing = TestData.measurement(null, leads, 1, at);
        billing.put("source", "billing");
        withKey(secret).body(TestData.batch(List.of(keyed(leads, 2, at), billing, keyed(other, 3, at))))
                .when().post("/measurements/batch")
                .then().statusCode(403).contentType("application/problem+json")
                .body("violations.field", equalTo(List.of("items[1].source", "items[2].measure")));
        RequestAs.viewer().queryParam("measure", leads).when().get("/actuals")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].count", equalTo(1));

        withKey(secret).when().get("/ingest-keys").then().statusCode(403);
        withKey(secret).queryParam("measure", leads).when().get("/measurements").then().statusCode(403);
        RequestAs.admin().when().get("/ingest-keys/" + id).then().statusCode(200)
                .body("lastUsedAt", notNullValue()).body("key", nullValue());
    }

    @Test
    void shouldRefuseARevokedOrUnknownKeyAndAScopeOfUnknownMeasures() {
        String leads = measure();
        String secret = RequestAs.admin().contentType(ContentType.JSON)
                .body(Map.of("source", "erp", "measures", List.of(leads)))
                .when().post("/ingest-keys").then().statusCode(201).extract().path("key");
        String id = RequestAs.admin().when().get("/ingest-keys").then().statusCode(200).extract().jsonPath()
                .getString("items.find { it.source == 'erp' && it.measures == ['" + leads + "'] }.id");
        assertNotNull(id);
        withKey(secret).body(keyed(leads, 1, TestData.thisMonth(31))).when().post("/measurements")
                .then().statusCode(201);

        RequestAs.admin().when().post("/ingest-keys/" + id + "/revoke").then().statusCode(200)
                .body("revoked", equalTo(true)).body("revokedBy", equalTo("ada@example.com"))
                .body("revokedAt", notNullValue());
        RequestAs.admin().when().post("/ingest-keys/" + id + "/revoke").then().statusCode(409);
        withKey(secret).body(keyed(leads, 1, TestData.thisMonth(32))).when().post("/measurements")
                .then().statusCode(401).contentType("application/problem+json");
        withKey("tlk_" + "x".repeat(43)).body(keyed(leads, 1, TestData.thisMonth(33)))
                .when().post("/measurements").then().statusCode(401).contentType("application/problem+json");

        RequestAs.admin().contentType(ContentType.JSON)
                .body(Map.of("source", "erp", "measures", List.of("no-such-measure")))
                .when().post("/ingest-keys").then().statusCode(422)
                .body("violations[0].field", equalTo("measures[0]"));
        RequestAs.viewer().contentType(ContentType.JSON).body(Map.of("source", "erp", "measures", List.of(leads)))
                .when().post("/ingest-keys").then().statusCode(403);
    }

    private String measure() {
        String key = TestData.uniqueKey("leads");
        TestData.defineMeasure(catalog, key, "MONTHLY", "SUM");
        return key;
    }

    /** A measurement as a system with a key posts it: without a source, which the key supplies. */
    private static Map<String, Object> keyed(String measure, int value, Instant at) {
        Map<String, Object> body = TestData.measurement(null, measure, value, at);
        body.remove("source");
        return body;
    }

    private static RequestSpecification withKey(String secret) {
        return RequestAs.bearer(secret).contentType(ContentType.JSON);
    }
}
