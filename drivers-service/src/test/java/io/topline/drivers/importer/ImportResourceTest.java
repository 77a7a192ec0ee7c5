package io.topline.drivers.importer;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.topline.drivers.TestData;
import io.topline.testinfra.ToplineInfrastructure;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static io.topline.drivers.TestData.asAdmin;
import static io.topline.drivers.TestData.asViewer;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Importing an organisation: the example file, idempotency, all-or-nothing validation. */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class ImportResourceTest {

    private static final List<String> EXAMPLE = List.of("driver:marketing", "driver:sales", "driver:operations",
            "driver:service", "driver:finance", "measure:marketing-qualified-leads", "measure:new-clients",
            "measure:closing-ratio", "measure:client-retention", "measure:lead-time-to-ship",
            "measure:days-sales-outstanding");

    @Test
    void shouldImportTheExampleOrganisationFileIdempotently() throws Exception {
        String file = Files.readString(Path.of("src/main/resources/examples/example-organisation.json"));
        asAdmin().body(file).post("/drivers/import").then().statusCode(200);

        asAdmin().body(file).post("/drivers/import")
                .then()
                .statusCode(200)
                .body("created", hasSize(0))
                .body("updated", hasSize(0))
                .body("unchanged", containsInAnyOrder(EXAMPLE.toArray()))
                .body("targetsAdded", equalTo(0));
        asAdmin().post("/drivers/import/example")
                .then().statusCode(200).body("created", hasSize(0)).body("updated", hasSize(0));

        JsonPath flow = asViewer().get("/drivers/flow").then().statusCode(200).extract().jsonPath();
        List<String> order = flow.getList("drivers.key", String.class).stream()
                .filter(List.of("marketing", "sales", "operations", "service", "finance")::contains).toList();
        assertEquals(List.of("marketing", "sales", "operations", "service", "finance"), order);
        assertEquals(List.of("closing-ratio", "new-clients"),
                flow.getList("drivers.find { it.key == 'sales' }.measures.key", String.class));
        for (String measure : List.of("marketing-qualified-leads", "new-clients", "closing-ratio", "client-retention",
                "lead-time-to-ship", "days-sales-outstanding")) {
            asViewer().queryParam("period", "current").get("/measures/" + measure + "/targets")
                    .then().statusCode(200).body("version", equalTo(1));
        }
        asViewer().queryParam("period", "2026-11").get("/measures/client-retention/targets")
                .then().statusCode(200).body("successLevel", equalTo(95)).body("failureLevel", equalTo(90));
        asViewer().get("/measures/client-retention").then().statusCode(200).body("owner", equalTo("carla@example.com"))
                .body("revision", equalTo(2));
    }

    @Test
    void shouldApplyOnlyWhatChangedOnReimport() {
        String a = TestData.key("imp-a");
        String b = TestData.key("imp-b");
        String m = TestData.key("imp-m");
        Map<String, Object> measure = measureWithTarget(m, b, "2026-10", 95, 90);
        Map<String, Object> file = Map.of("drivers", List.of(TestData.driver(a, b), TestData.driver(b)),
                "measures", List.of(measure));
        asAdmin().body(file).post("/drivers/import")
                .then().statusCode(200)
                .body("created", containsInAnyOrder("driver:" + a, "driver:" + b, "measure:" + m))
                .body("targetsAdded", equalTo(1));

        measure.put("targets", List.of(target("2026-10", 95, 90), target("2026-12", 97, 92)));
        asAdmin().body(file).post("/drivers/import")
                .then().statusCode(200)
                .body("created", hasSize(0))
                .body("updated", containsInAnyOrder("measure:" + m))
                .body("unchanged", containsInAnyOrder("driver:" + a, "driver:" + b))
                .body("targetsAdded", equalTo(1));
        asViewer().get("/measures/" + m).then().statusCode(200).body("revision", equalTo(3))
                .body("targets.effectiveFrom", containsInAnyOrder("2026-10", "2026-12"));
        asViewer().get("/drivers/" + a).then().statusCode(200).body("feedsInto", hasItem(b));
    }

    @Test
    void shouldApplyNothingAndListEveryProblemWhenAnythingIsWrong() {
        String a = TestData.key("bad-a");
        String b = TestData.key("bad-b");
        String ghost = TestData.key("ghost");
        Map<String, Object> file = Map.of(
                "drivers", List.of(TestData.driver(a, ghost), TestData.driver(b)),
                "measures", List.of(measureWithTarget(TestData.key("bad-m"), b, "2026-W48", 95, 90),
                        measureWithTarget(TestData.key("bad-n"), b, "2026-11", 90, 95)));
        asAdmin().body(file).post("/drivers/import")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("detail", equalTo("The organisation file has 3 problem(s); nothing was applied"))
                .body("violations.field", containsInAnyOrder("drivers[0].feedsInto[0]",
                        "measures[0].targets[0].effectiveFrom", "measures[1].targets[0].failureLevel"));
        asViewer().get("/drivers/" + b).then().statusCode(404);
        asViewer().get("/drivers/" + a).then().statusCode(404);
    }

    @Test
    void shouldRefuseAFileWhoseFlowHasACycleOrBreaksTheFocusRule() {
        String a = TestData.key("loop-a");
        String b = TestData.key("loop-b");
        asAdmin().body(Map.of("drivers", List.of(TestData.driver(a, b), TestData.driver(b, a)))).post("/drivers/import")
                .then().statusCode(422)
                .body("violations[0].field", equalTo("drivers"))
                .body("violations[0].message", containsString(a + " -> " + b + " -> " + a));

        String c = TestData.key("busy");
        asAdmin().body(Map.of("drivers", List.of(TestData.driver(c)), "measures", List.of(
                        measureWithTarget(TestData.key("m1"), c, "2026-11", 95, 90),
                        measureWithTarget(TestData.key("m2"), c, "2026-11", 95, 90),
                        measureWithTarget(TestData.key("m3"), c, "2026-11", 95, 90))))
                .post("/drivers/import")
                .then().statusCode(422)
                .body("violations[0].field", equalTo("measures[0].driverKey"))
                .body("violations[0].message", containsString("the focus rule"));
        asViewer().get("/drivers/" + c).then().statusCode(404);
    }

    @Test
    void shouldCountTheStoredActiveMeasuresOfADriverInTheFocusRule() {
        String driver = TestData.key("kept");
        String stored = TestData.key("stored");
        String archived = TestData.key("archived");
        asAdmin().body(Map.of("drivers", List.of(TestData.driver(driver)), "measures", List.of(
                        measureWithTarget(stored, driver, "2026-11", 95, 90),
                        measureWithTarget(archived, driver, "2026-11", 95, 90))))
                .post("/drivers/import").then().statusCode(200);
        String revision = asViewer().get("/measures/" + archived).then().statusCode(200).extract().header("ETag");
        asAdmin().header("If-Match", revision).post("/measures/" + archived + "/archive").then().statusCode(200);
        // the archived measure does not count: the stored active one and the file's make two
        String added = TestData.key("added");
        asAdmin().body(Map.of("drivers", List.of(TestData.driver(driver)),
                        "measures", List.of(measureWithTarget(added, driver, "2026-11", 95, 90))))
                .post("/drivers/import").then().statusCode(200);

        String third = TestData.key("third");
        asAdmin().body(Map.of("drivers", List.of(TestData.driver(driver)),
                        "measures", List.of(measureWithTarget(third, driver, "2026-11", 95, 90))))
                .post("/drivers/import")
                .then().statusCode(422)
                .body("violations", hasSize(1))
                .body("violations[0].field", equalTo("measures[0].driverKey"))
                .body("violations[0].message", equalTo("driver '" + driver + "' would have 3 active measures "
                        + new TreeSet<>(List.of(stored, added, third))
                        + "; a driver keeps at most 2 (the focus rule)"));
        asViewer().get("/measures/" + third).then().statusCode(404);
    }

    @Test
    void shouldValidateTheFileShapeAndRequireAdmin() {
        asAdmin().body(Map.of("drivers", List.of(Map.of("key", "Bad Key")))).post("/drivers/import")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("drivers[0].key"))
                .body("violations.field", hasItem("drivers[0].name"));
        asViewer().body(Map.of("drivers", List.of())).post("/drivers/import")
                .then().statusCode(403).contentType("application/problem+json");
    }

    private static Map<String, Object> measureWithTarget(String key, String driver, String period, int success, int failure) {
        Map<String, Object> measure = TestData.measure(key, driver);
        measure.put("targets", List.of(target(period, success, failure)));
        return measure;
    }

    private static Map<String, Object> target(String period, int success, int failure) {
        return TestData.target(period, success, failure);
    }
}
