package io.topline.drivers.driver;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.topline.drivers.TestData;
import io.topline.testinfra.RequestAs;
import io.topline.testinfra.TestTokens;
import io.topline.testinfra.ToplineInfrastructure;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.topline.drivers.TestData.asAdmin;
import static io.topline.drivers.TestData.asViewer;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Drivers over HTTP: lifecycle, optimistic concurrency, the acyclic flow rule, bad input and security. */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class DriverResourceTest {

    @Test
    void shouldCreateDriverWithLocationAndEtag() {
        String downstream = TestData.createDriver("finance");
        String key = TestData.key("sales");
        asAdmin().body(TestData.driver(key, downstream)).post("/drivers")
                .then()
                .statusCode(201)
                .header("Location", endsWith("/drivers/" + key))
                .header("ETag", equalTo("\"1\""))
                .contentType(ContentType.JSON)
                .body("key", equalTo(key))
                .body("name", equalTo("Driver " + key))
                .body("function", equalTo("SALES"))
                .body("owner", equalTo("owner-" + key + "@example.com"))
                .body("description", equalTo("What " + key + " does"))
                .body("feedsInto", contains(downstream))
                .body("archived", equalTo(false))
                .body("revision", equalTo(1))
                .body("createdAt", notNullValue())
                .body("updatedAt", notNullValue());

        asViewer().get("/drivers/" + key)
                .then()
                .statusCode(200)
                .header("ETag", equalTo("\"1\""))
                .body("key", equalTo(key))
                .body("feedsInto", contains(downstream));
    }

    @Test
    void shouldUpdateWithIfMatchAndRefuseStaleOrMissingVersions() {
        String key = TestData.createDriver("service");
        Map<String, Object> update = TestData.driverUpdate(key);
        update.put("name", "Client service");

        asAdmin().body(update).put("/drivers/" + key)
                .then()
                .statusCode(428)
                .contentType("application/problem+json")
                .body("type", equalTo("https://topline.dev/problems/precondition-required"))
                .body("title", equalTo("Precondition required"))
                .body("status", equalTo(428))
                .body("detail", containsString("If-Match"))
                .body("instance", equalTo("/drivers/" + key));

        asAdmin().header("If-Match", "\"1\"").body(update).put("/drivers/" + key)
                .then()
                .statusCode(200)
                .header("ETag", equalTo("\"2\""))
                .body("name", equalTo("Client service"))
                .body("revision", equalTo(2));

        asAdmin().header("If-Match", "\"1\"").body(update).put("/drivers/" + key)
                .then()
                .statusCode(412)
                .contentType("application/problem+json")
                .body("type", equalTo("https://topline.dev/problems/precondition-failed"))
                .body("status", equalTo(412))
                .body("detail", containsString("does not match the current ETag \"2\""));
    }

    @Test
    void shouldKeepRevisionWhenUpdateChangesNothing() {
        String key = TestData.createDriver("quiet");
        asAdmin().header("If-Match", "\"1\"").body(TestData.driverUpdate(key)).put("/drivers/" + key)
                .then().statusCode(200).header("ETag", equalTo("\"1\"")).body("revision", equalTo(1));
    }

    @Test
    void shouldListActiveDriversFilteredAndPaginated() {
        String owner = TestData.key("owner") + "@example.com";
        String first = TestData.key("a-list");
        String second = TestData.key("b-list");
        String archived = TestData.key("c-list");
        for (String key : List.of(first, second, archived)) {
            Map<String, Object> body = TestData.driver(key);
            body.put("owner", owner);
            body.put("function", "OPERATIONS");
            asAdmin().body(body).post("/drivers").then().statusCode(201);
        }
        asAdmin().header("If-Match", "\"1\"").post("/drivers/" + archived + "/archive").then().statusCode(200);

        asViewer().queryParam("owner", owner).queryParam("function", "operations").queryParam("size", 1)
                .get("/drivers")
                .then()
                .statusCode(200)
                .body("items.key", contains(first))
                .body("page", equalTo(0))
                .body("size", equalTo(1))
                .body("totalItems", equalTo(2));
        asViewer().queryParam("owner", owner).queryParam("page", 1).queryParam("size", 1).get("/drivers")
                .then().statusCode(200).body("items.key", contains(second)).body("totalItems", equalTo(2));
        asViewer().queryParam("owner", owner).queryParam("includeArchived", true).get("/drivers")
                .then().statusCode(200).body("items.key", contains(first, second, archived)).body("totalItems", equalTo(3));
        asViewer().queryParam("owner", owner).queryParam("function", "FINANCE").get("/drivers")
                .then().statusCode(200).body("items", hasSize(0)).body("totalItems", equalTo(0));
    }

    @Test
    void shouldRefuseBadListParameters() {
        asViewer().queryParam("size", 1000).get("/drivers")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("size"))
                .body("violations[0].message", equalTo("must be an integer from 1 to 500"));
        asViewer().queryParam("page", "first").get("/drivers")
                .then().statusCode(400).body("violations[0].field", equalTo("page"));
        asViewer().queryParam("function", "LEGAL").get("/drivers")
                .then().statusCode(400).body("violations[0].field", equalTo("function"))
                .body("violations[0].message", containsString("MARKETING"));
    }

    @Test
    void shouldArchiveDriverKeepingHistoryAndRefusingFurtherChanges() {
        String key = TestData.createDriver("retired");
        asAdmin().post("/drivers/" + key + "/archive")
                .then().statusCode(428).contentType("application/problem+json");
        asAdmin().header("If-Match", "\"1\"").post("/drivers/" + key + "/archive")
                .then()
                .statusCode(200)
                .header("ETag", equalTo("\"2\""))
                .body("archived", equalTo(true))
                .body("revision", equalTo(2));
        asViewer().get("/drivers/" + key).then().statusCode(200).body("archived", equalTo(true));
        asAdmin().header("If-Match", "\"2\"").body(TestData.driverUpdate(key)).put("/drivers/" + key)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://topline.dev/problems/archived"))
                .body("detail", equalTo("Driver '" + key + "' is archived and cannot change"));
    }

    @Test
    void shouldRefuseFeedsIntoUnknownArchivedOrRepeatedDrivers() {
        String ghost = TestData.key("ghost");
        asAdmin().body(TestData.driver(TestData.key("orphan"), ghost)).post("/drivers")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://topline.dev/problems/unprocessable"))
                .body("detail", equalTo("Driver '" + ghost + "' does not exist"))
                .body("violations[0].field", equalTo("feedsInto[0]"));

        String archived = TestData.createDriver("gone");
        asAdmin().header("If-Match", "\"1\"").post("/drivers/" + archived + "/archive").then().statusCode(200);
        asAdmin().body(TestData.driver(TestData.key("late"), archived)).post("/drivers")
                .then().statusCode(422).body("violations[0].field", equalTo("feedsInto[0]"))
                .body("detail", equalTo("Driver '" + archived + "' is archived"));

        String target = TestData.createDriver("twice");
        asAdmin().body(TestData.driver(TestData.key("dup"), target, target)).post("/drivers")
                .then().statusCode(422).body("violations[0].field", equalTo("feedsInto[1]"));
    }

    @Test
    void shouldRefuseChangeThatClosesCycleNamingIt() {
        String finance = TestData.createDriver("fin");
        String service = TestData.createDriver("svc", finance);
        String sales = TestData.createDriver("sal", service);

        asAdmin().header("If-Match", "\"1\"").body(TestData.driverUpdate(finance, sales)).put("/drivers/" + finance)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://topline.dev/problems/flow-cycle"))
                .body("detail", containsString(finance + " -> " + sales + " -> " + service + " -> " + finance))
                .body("violations[0].field", equalTo("feedsInto"));

        asAdmin().header("If-Match", "\"1\"").body(TestData.driverUpdate(sales, sales)).put("/drivers/" + sales)
                .then().statusCode(409).body("detail", containsString(sales + " -> " + sales));
        asViewer().get("/drivers/" + finance).then().statusCode(200).body("feedsInto", hasSize(0)).body("revision", equalTo(1));
    }

    @Test
    void shouldRefuseDuplicateKey() {
        String key = TestData.createDriver("twin");
        asAdmin().body(TestData.driver(key)).post("/drivers")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://topline.dev/problems/duplicate-key"))
                .body("detail", equalTo("A driver with key '" + key + "' already exists (keys are never reused)"))
                .body("violations[0].field", equalTo("key"));
    }

    @Test
    void shouldNameTheFieldOfEveryBadInput() {
        assertBadField(with("name", "   "), "name", "must not be blank");
        assertBadField(with("name", "x".repeat(121)), "name", "size must be between 0 and 120");
        assertBadField(with("key", "Not A Slug"), "key", "must be a slug: lower-case letters and digits joined by single hyphens");
        assertBadField(with("key", "a--b"), "key", "must be a slug: lower-case letters and digits joined by single hyphens");
        assertBadField(with("key", null), "key", "must not be null");
        assertBadField(with("function", null), "function", "must not be null");
        assertBadField(with("feedsInto", List.of("UPPER")), "feedsInto[0]",
                "must be a slug: lower-case letters and digits joined by single hyphens");

        asAdmin().body(with("function", "LEGAL")).post("/drivers")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://topline.dev/problems/malformed-field"))
                .body("violations[0].field", equalTo("function"));
        asAdmin().body(with("name", List.of("a", "b"))).post("/drivers")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("name"));
        asAdmin().body(with("feedsInto", "sales")).post("/drivers")
                .then().statusCode(400).body("violations[0].field", equalTo("feedsInto"));
        asAdmin().body(with("colour", "red")).post("/drivers")
                .then().statusCode(400)
                .body("type", equalTo("https://topline.dev/problems/unknown-field"))
                .body("violations[0].field", equalTo("colour"));
    }

    @Test
    void shouldAnswerMalformedJsonWithProblem() {
        asAdmin().body("{\"key\": \"x\", ").post("/drivers")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://topline.dev/problems/malformed-json"))
                .body("title", equalTo("Malformed JSON"))
                .body("status", equalTo(400))
                .body("instance", equalTo("/drivers"));
    }

    @Test
    void shouldNameTheBodyWhenItIsMissing() {
        asAdmin().post("/drivers")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://topline.dev/problems/validation"))
                .body("violations[0].field", equalTo("body"))
                .body("violations[0].message", equalTo("must not be null"));
    }

    @Test
    void shouldDocumentTheApiInOpenApi() {
        given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body("paths.'/drivers'.post.summary", equalTo("Create a driver"))
                .body("paths.'/drivers/flow'.get.summary", equalTo("Read the revenue flow"))
                .body("paths.'/drivers/import'.post.summary", equalTo("Import definitions"))
                .body("paths.'/measures/{key}/targets'.post.summary", equalTo("Add a target version"))
                .body("tags.name", hasItems("Drivers", "Measures", "Targets", "Import"))
                // the chassis filter runs at build time: the served document has what the stored, linted one has
                .body("paths.'/drivers'.post.responses.'409'.content.'application/problem+json'.schema.allOf[1]"
                        + ".properties.type.enum", contains("https://topline.dev/problems/duplicate-key",
                        "https://topline.dev/problems/flow-cycle"))
                .body("paths.'/drivers'.post.responses.'401'.'$ref'", equalTo("#/components/responses/Unauthorized"));
    }

    @Test
    void shouldRequireTokenAndAdminRoleForWrites() {
        given().contentType(ContentType.JSON).body(TestData.driver(TestData.key("anon"))).post("/drivers")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo("Bearer"))
                .body("type", equalTo("https://topline.dev/problems/unauthorized"))
                .body("title", equalTo("Unauthorized"))
                .body("status", equalTo(401))
                .body("detail", equalTo("A valid bearer token is required"))
                .body("instance", equalTo("/drivers"));
        asViewer().body(TestData.driver(TestData.key("viewer"))).post("/drivers")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://topline.dev/problems/forbidden"))
                .body("title", equalTo("Forbidden"))
                .body("status", equalTo(403))
                .body("detail", equalTo("Your token does not carry a role that may do this"))
                .body("instance", equalTo("/drivers"));
        TestData.asIngest().get("/drivers").then().statusCode(403).contentType("application/problem+json");
        given().get("/drivers").then().statusCode(401).contentType("application/problem+json");
        RequestAs.user("ada", TestTokens.ADMIN).get("/drivers")
                .then().statusCode(200);
    }

    @Test
    void shouldAnswerUnknownDriverWithProblem() {
        asViewer().get("/drivers/no-such-driver")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://topline.dev/problems/not-found"))
                .body("detail", equalTo("Driver 'no-such-driver' does not exist"))
                .body("violations", nullValue());
    }

    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> body = TestData.driver(TestData.key("bad"));
        body.put(field, value);
        return body;
    }

    private static void assertBadField(Map<String, Object> body, String field, String message) {
        asAdmin().body(body).post("/drivers")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://topline.dev/problems/validation"))
                .body("title", equalTo("Invalid request"))
                .body("status", equalTo(400))
                .body("detail", equalTo("The request has 1 invalid field(s)"))
                .body("violations", hasSize(1))
                .body("violations[0].field", equalTo(field))
                .body("violations[0].message", equalTo(message));
    }
}
