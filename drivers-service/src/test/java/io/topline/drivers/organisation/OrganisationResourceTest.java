package io.topline.drivers.organisation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.topline.drivers.TestData;
import io.topline.testinfra.RequestAs;
import io.topline.testinfra.TopicReader;
import io.topline.testinfra.TopicRecord;
import io.topline.testinfra.ToplineInfrastructure;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static io.topline.drivers.TestData.asAdmin;
import static io.topline.drivers.TestData.asAdminYaml;
import static io.topline.drivers.TestData.asViewer;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Definitions as code: validate, plan, apply (idempotent, all or nothing, prune) and export of an organisation file. */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class OrganisationResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void shouldListEverySchemaErrorOfAYamlFileWithItsLineAndColumn() throws Exception {
        String file = """
                drivers:
                  - key: Sales Team
                    name: Sales
                    function: SELLING
                    owner: sam@example.com
                measures:
                  - key: closing-ratio
                    driverKey: sales
                    name: Closing ratio
                    unit: PERCENT
                    aggregation: AVERAGE
                    direction: HIGHER_IS_BETTER
                    cadence: QUARTERLY
                    colour: blue
                """;

        JsonNode problem = JSON.readTree(asAdminYaml().body(file).post("/organisation/validate")
                .then().statusCode(400).contentType("application/problem+json").extract().asString());

        assertEquals(JSON.readTree("""
                {"type": "https://topline.dev/problems/validation", "title": "Invalid request", "status": 400,
                 "detail": "The organisation file has 3 problem(s); nothing was applied",
                 "instance": "/organisation/validate",
                 "violations": [
                   {"field": "drivers[0].key", "message": "must be a slug (lower-case letters and digits joined by single hyphens)", "line": 2, "column": 10},
                   {"field": "drivers[0].function", "message": "does not have a value in the enumeration [\\"MARKETING\\", \\"SALES\\", \\"SERVICE\\", \\"OPERATIONS\\", \\"FINANCE\\", \\"OTHER\\"]", "line": 4, "column": 15},
                   {"field": "measures[0].colour", "message": "is not a field of the organisation file here", "line": 14, "column": 13}
                 ]}"""), problem);
    }

    @Test
    void shouldRefuseEveryRuleViolationWithItsLineAndApplyNothing() throws Exception {
        String sales = TestData.key("sales");
        String ghost = TestData.key("ghost");
        String measure = TestData.key("ratio");
        String file = """
                drivers:
                  - key: %1$s
                    name: Sales
                    function: SALES
                    owner: sam@example.com
                    feedsInto: [%2$s]
                measures:
                  - key: %3$s
                    driverKey: %1$s
                    name: Closing ratio
                    unit: PERCENT
                    aggregation: AVERAGE
                    direction: HIGHER_IS_BETTER
                    cadence: MONTHLY
                    targets:
                      - {effectiveFrom: 2026-11, successLevel: 20, failureLevel: 30, severity: WARNING}
                """.formatted(sales, ghost, measure);

        JsonNode problem = JSON.readTree(asAdminYaml().body(file).post("/organisation/apply")
                .then().statusCode(422).contentType("application/problem+json").extract().asString());

        assertEquals(JSON.readTree("""
                [{"field": "drivers[0].feedsInto[0]", "message": "driver '%s' is neither in the file nor an active driver", "line": 6, "column": 17},
                 {"field": "measures[0].targets[0].failureLevel", "message": "failureLevel is on the wrong side of successLevel for a HIGHER_IS_BETTER measure", "line": 16, "column": 66}]
                """.formatted(ghost)), problem.get("violations"));
        asViewer().get("/drivers/" + sales).then().statusCode(404);
        asViewer().get("/measures/" + measure).then().statusCode(404);
    }

    @Test
    void shouldPlanApplyOnceAndThenPlanNothing() throws Exception {
        String marketing = TestData.key("marketing");
        String sales = TestData.key("sales");
        String leads = TestData.key("leads");
        Map<String, Object> file = TestData.organisation(
                List.of(TestData.driver(marketing, sales), TestData.driver(sales)),
                List.of(TestData.measureWithTargets(leads, marketing, TestData.target("2026-11", 95, 90))));
        String yaml = YAML.writeValueAsString(file);

        JsonNode plan = withoutBasedOn(asAdminYaml().body(yaml).post("/organisation/plan")
                .then().statusCode(200).extract().asString());
        assertEquals(JSON.readTree("""
                {"applied": false, "prune": false, "changes": [
                  {"action": "CREATE", "kind": "DRIVER", "key": "%1$s", "fields": [], "targetsAdded": []},
                  {"action": "CREATE", "kind": "DRIVER", "key": "%2$s", "fields": [], "targetsAdded": []},
                  {"action": "CREATE", "kind": "MEASURE", "key": "%3$s", "fields": [], "targetsAdded": ["2026-11"]}],
                 "unchanged": [],
                 "summary": {"create": 3, "update": 0, "archive": 0, "unchanged": 0, "targetsAdded": 1}}
                """.formatted(marketing, sales, leads)), plan);
        asViewer().get("/drivers/" + marketing).then().statusCode(404);

        JsonNode applied = withoutBasedOn(asAdminYaml().body(yaml).post("/organisation/apply")
                .then().statusCode(200).extract().asString());
        ((ObjectNode) plan).put("applied", true);
        assertEquals(plan, applied);

        JsonNode again = withoutBasedOn(asAdmin().body(file).post("/organisation/apply")
                .then().statusCode(200).extract().asString());
        assertEquals(JSON.readTree("""
                {"applied": true, "prune": false, "changes": [],
                 "unchanged": ["driver:%1$s", "driver:%2$s", "measure:%3$s"],
                 "summary": {"create": 0, "update": 0, "archive": 0, "unchanged": 3, "targetsAdded": 0}}
                """.formatted(marketing, sales, leads)), again);
        asViewer().get("/measures/" + leads).then().statusCode(200).body("revision", equalTo(2))
                .body("targets", hasSize(1));
        asViewer().get("/drivers/" + marketing).then().statusCode(200).body("revision", equalTo(1));
    }

    @Test
    void shouldChangeOnlyWhatDiffersAndAddATargetVersionOnlyWhenItIsNew() throws Exception {
        String sales = TestData.key("sales");
        String ratio = TestData.key("ratio");
        Map<String, Object> driver = TestData.driver(sales);
        Map<String, Object> measure = TestData.measureWithTargets(ratio, sales, TestData.target("2026-10", 30, 20));
        asAdmin().body(TestData.organisation(List.of(driver), List.of(measure))).post("/organisation/apply")
                .then().statusCode(200);

        driver.put("owner", "new-owner@example.com");
        measure.put("targets", List.of(TestData.target("2026-10", 30.0, 20.00), TestData.target("2027-01", 35, 25)));
        Map<String, Object> file = TestData.organisation(List.of(driver), List.of(measure));
        JsonNode applied = withoutBasedOn(asAdmin().body(file).post("/organisation/apply")
                .then().statusCode(200).extract().asString());

        assertEquals(JSON.readTree("""
                {"applied": true, "prune": false, "changes": [
                  {"action": "UPDATE", "kind": "DRIVER", "key": "%1$s", "fields": ["owner"], "targetsAdded": []},
                  {"action": "UPDATE", "kind": "MEASURE", "key": "%2$s", "fields": ["owner", "targets"], "targetsAdded": ["2027-01"]}],
                 "unchanged": [],
                 "summary": {"create": 0, "update": 2, "archive": 0, "unchanged": 0, "targetsAdded": 1}}
                """.formatted(sales, ratio)), applied);
        asViewer().get("/measures/" + ratio).then().statusCode(200)
                .body("owner", equalTo("new-owner@example.com"))
                .body("targets.version", equalTo(List.of(1, 2)))
                .body("targets.effectiveFrom", equalTo(List.of("2026-10", "2027-01")));
        asAdmin().body(file).post("/organisation/plan").then().statusCode(200).body("changes", hasSize(0));
    }

    @Test
    void shouldPublishOneDefinitionEventPerChangedDefinitionAndNoneForAnUnchangedApply() {
        String sales = TestData.key("sales");
        String ratio = TestData.key("ratio");
        Map<String, Object> measure = TestData.measureWithTargets(ratio, sales, TestData.target("2026-10", 30, 20));
        Map<String, Object> file = TestData.organisation(List.of(TestData.driver(sales)), List.of(measure));
        asAdmin().body(file).post("/organisation/apply").then().statusCode(200);
        asAdmin().body(file).post("/organisation/apply").then().statusCode(200);
        measure.put("name", "Closing ratio, renamed");
        asAdmin().body(file).post("/organisation/apply").then().statusCode(200);

        Predicate<TopicRecord> ofThese = TopicReader.keyed("driver:" + sales, "measure:" + ratio);
        List<TopicRecord> records;
        try (TopicReader topic = TopicReader.fromBeginning("topline.definitions")) {
            topic.readUntil(ofThese, TopicReader.atLeast(3), Duration.ofSeconds(60));
            records = topic.drain(ofThese, Duration.ofSeconds(1));
        }

        assertEquals(List.of("driver:" + sales + " topline.driver.defined 1", "measure:" + ratio + " topline.measure.defined 2",
                        "measure:" + ratio + " topline.measure.defined 3"),
                records.stream().map(OrganisationResourceTest::describe).sorted().toList());
    }

    @Test
    void shouldExportAFileThatAppliesWithAnEmptyPlanInJsonAndYaml() throws Exception {
        String sales = TestData.key("sales");
        String revenue = TestData.key("revenue");
        Map<String, Object> measure = TestData.measureWithTargets(revenue, sales, TestData.target("2026-10", 1000.5, 800),
                TestData.target("2026-10", 1200, 900));
        measure.put("unit", "CURRENCY");
        measure.put("currency", "EUR");
        measure.put("expectedEvery", "PT24H");
        measure.remove("description");
        Map<String, Object> file = TestData.organisation(List.of(TestData.driver(sales)), List.of(measure));
        asAdmin().body(file).post("/organisation/apply").then().statusCode(200);
        asAdmin().body(file).post("/organisation/plan").then().statusCode(200).body("changes", hasSize(0));

        String yaml = RequestAs.viewer().accept("application/yaml").get("/organisation")
                .then().statusCode(200).contentType("application/yaml").extract().asString();
        String json = RequestAs.viewer().accept(ContentType.JSON).get("/organisation")
                .then().statusCode(200).contentType(ContentType.JSON).extract().asString();

        assertEquals(JSON.readTree(json), YAML.readTree(yaml));
        JsonNode exported = find(JSON.readTree(json).get("measures"), revenue);
        assertEquals(JSON.readTree("""
                {"key": "%s", "driverKey": "%s", "name": "Measure %1$s", "unit": "CURRENCY", "currency": "EUR",
                 "aggregation": "LAST", "direction": "HIGHER_IS_BETTER", "cadence": "MONTHLY", "owner": "owner-%2$s@example.com",
                 "expectedEvery": "P1D",
                 "targets": [
                   {"effectiveFrom": "2026-10", "successLevel": 1000.5, "failureLevel": 800, "severity": "CRITICAL", "note": "set in a test"},
                   {"effectiveFrom": "2026-10", "successLevel": 1200, "failureLevel": 900, "severity": "CRITICAL", "note": "set in a test"}]}
                """.formatted(revenue, sales)), exported);
        for (String body : List.of(yaml, json)) {
            (body == yaml ? TestData.yaml(RequestAs.viewer()) : RequestAs.viewer().contentType(ContentType.JSON)).body(body)
                    .post("/organisation/plan?prune=true")
                    .then().statusCode(200).body("changes", hasSize(0)).body("summary.archive", equalTo(0));
        }
    }

    @Test
    void shouldPruneWhatTheFileLeavesOut() throws Exception {
        String kept = TestData.key("kept");
        String dropped = TestData.key("dropped");
        String keptMeasure = TestData.key("kept-m");
        String droppedMeasure = TestData.key("dropped-m");
        String orphan = TestData.key("orphan-m");
        asAdmin().body(TestData.organisation(List.of(TestData.driver(kept), TestData.driver(dropped)), List.of(
                        TestData.measure(keptMeasure, kept), TestData.measure(droppedMeasure, kept),
                        TestData.measure(orphan, dropped))))
                .post("/organisation/apply").then().statusCode(200);
        Response export = RequestAs.viewer().accept(ContentType.JSON).get("/organisation");
        String etag = export.header("ETag");
        JsonNode file = JSON.readTree(export.asString());
        removeKeyed(file.get("drivers"), dropped);
        removeKeyed(file.get("measures"), droppedMeasure);
        removeKeyed(file.get("measures"), orphan);

        JsonNode applied = JSON.readTree(asAdmin().header("If-Match", etag).body(file.toString()).post("/organisation/apply?prune=true")
                .then().statusCode(200).extract().asString());

        assertEquals(JSON.readTree("""
                [{"action": "ARCHIVE", "kind": "MEASURE", "key": "%s", "fields": [], "targetsAdded": []},
                 {"action": "ARCHIVE", "kind": "MEASURE", "key": "%s", "fields": [], "targetsAdded": []},
                 {"action": "ARCHIVE", "kind": "DRIVER", "key": "%s", "fields": [], "targetsAdded": []}]
                """.formatted(sorted(droppedMeasure, orphan).get(0), sorted(droppedMeasure, orphan).get(1), dropped)),
                applied.get("changes"));
        asViewer().get("/drivers/" + dropped).then().statusCode(200).body("archived", equalTo(true));
        asViewer().get("/measures/" + orphan).then().statusCode(200).body("archived", equalTo(true));
        asViewer().get("/measures/" + droppedMeasure).then().statusCode(200).body("archived", equalTo(true));
        asViewer().get("/measures/" + keptMeasure).then().statusCode(200).body("archived", equalTo(false));
        asAdmin().header("If-Match", etag).body(file.toString()).post("/organisation/apply?prune=true")
                .then().statusCode(412).contentType("application/problem+json");
        asAdmin().body(file.toString()).post("/organisation/apply?prune=true")
                .then().statusCode(428).contentType("application/problem+json");
        String fresh = RequestAs.viewer().accept(ContentType.JSON).get("/organisation").header("ETag");
        asAdmin().header("If-Match", fresh).body(file.toString()).post("/organisation/apply?prune=true")
                .then().statusCode(200).body("changes", hasSize(0));
    }

    @Test
    void shouldRefuseAPruneThatWouldLeaveAnEdgeToAnArchivedDriverAndRequireAdminToApply() {
        String upstream = TestData.key("up");
        String downstream = TestData.createDriver("down");
        Map<String, Object> file = TestData.organisation(List.of(TestData.driver(upstream, downstream)), List.of());

        asAdmin().body(file).post("/organisation/validate?prune=true")
                .then().statusCode(422)
                .body("violations[0].field", equalTo("drivers[0].feedsInto[0]"))
                .body("violations[0].message", equalTo("driver '" + downstream + "' is not in the file, so prune would archive it"));
        asAdmin().body(file).post("/organisation/validate")
                .then().statusCode(200).body("valid", equalTo(true)).body("drivers", equalTo(1));
        asViewer().body(file).post("/organisation/apply").then().statusCode(403).contentType("application/problem+json");
        asViewer().get("/drivers/" + upstream).then().statusCode(404);
    }

    /** The response without its basedOn, which must be an organisation ETag. */
    private static JsonNode withoutBasedOn(String response) throws Exception {
        ObjectNode body = (ObjectNode) JSON.readTree(response);
        String basedOn = body.remove("basedOn").asText();
        assertTrue(basedOn.matches("org-[0-9a-f]{16}"), basedOn);
        return body;
    }

    private static String describe(TopicRecord record) {
        return record.key() + " " + record.event().get("type").asText() + " " + record.data().get("revision").asInt();
    }

    private static JsonNode find(JsonNode items, String key) {
        for (JsonNode item : items) {
            if (item.get("key").asText().equals(key)) {
                return item;
            }
        }
        throw new AssertionError(key + " is not in " + items);
    }

    private static void removeKeyed(JsonNode items, String key) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).get("key").asText().equals(key)) {
                ((ArrayNode) items).remove(i);
                return;
            }
        }
        throw new AssertionError(key + " is not in " + items);
    }

    private static List<String> sorted(String... keys) {
        List<String> list = new ArrayList<>(List.of(keys));
        list.sort(String::compareTo);
        return list;
    }
}
