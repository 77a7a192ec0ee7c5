package io.topline.drivers.flow;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.topline.drivers.TestData;
import io.topline.testinfra.ToplineInfrastructure;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.topline.drivers.TestData.asAdmin;
import static io.topline.drivers.TestData.asViewer;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The revenue flow over HTTP: stable topological order, edges, measures and a stored cycle. */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class FlowResourceTest {

    @Test
    void shouldReturnDriversInStableFlowOrderWithEdgesAndMeasures() {
        String finance = create("fin", "FINANCE");
        String service = create("svc", "SERVICE", finance);
        String operations = create("ops", "OPERATIONS", service);
        String sales = create("sal", "SALES", service);
        String marketing = create("mkt", "MARKETING", sales);
        String measure = TestData.createMeasure("closing-ratio", sales);
        String archived = TestData.createMeasure("old-ratio", sales);
        asAdmin().header("If-Match", "\"1\"").post("/measures/" + archived + "/archive").then().statusCode(200);

        JsonPath first = asViewer().get("/drivers/flow").then().statusCode(200).extract().jsonPath();
        JsonPath second = asViewer().get("/drivers/flow").then().statusCode(200).extract().jsonPath();

        List<String> order = first.getList("drivers.key", String.class);
        assertEquals(order, second.getList("drivers.key", String.class));
        List<String> mine = order.stream().filter(List.of(finance, service, operations, sales, marketing)::contains).toList();
        assertEquals(List.of(marketing, sales, operations, service, finance), mine);
        for (int i = 0; i < order.size(); i++) {
            assertEquals(i + 1, first.getInt("drivers[" + i + "].position"));
        }
        List<Map<String, String>> edges = first.getList("edges");
        assertTrue(edges.containsAll(List.of(Map.of("from", marketing, "to", sales), Map.of("from", sales, "to", service),
                Map.of("from", operations, "to", service), Map.of("from", service, "to", finance))));
        Map<String, Object> salesNode = first.getMap("drivers.find { it.key == '" + sales + "' }");
        assertEquals("SALES", salesNode.get("function"));
        assertEquals(List.of(service), salesNode.get("feedsInto"));
        Map<String, Object> expected = new HashMap<>(Map.of("key", measure, "name", "Measure " + measure,
                "unit", "PERCENT", "aggregation", "LAST", "direction", "HIGHER_IS_BETTER", "cadence", "MONTHLY",
                "owner", "owner-" + sales + "@example.com"));
        expected.put("currency", null);
        assertEquals(List.of(expected), salesNode.get("measures"));
    }

    @Test
    void shouldLeaveArchivedDriversAndTheirEdgesOutOfTheFlow() {
        String end = create("end", "FINANCE");
        String start = create("start", "SALES", end);
        asAdmin().header("If-Match", "\"1\"").post("/drivers/" + end + "/archive").then().statusCode(200);
        JsonPath flow = asViewer().get("/drivers/flow").then().statusCode(200).extract().jsonPath();
        assertTrue(!flow.getList("drivers.key").contains(end));
        assertEquals(List.of(), flow.getList("drivers.find { it.key == '" + start + "' }.feedsInto"));
    }

    @Test
    void shouldAnswerConflictNamingTheCycleIfTheStoredFlowHasOne() throws Exception {
        String to = create("cyc-b", "SERVICE");
        String from = create("cyc-a", "SALES", to);
        // only a change behind the service's back can store a cycle; the API refuses every such change
        try (Connection connection = DriverManager.getConnection(ToplineInfrastructure.jdbcUrl(), "postgres", "postgres")) {
            try (PreparedStatement insert = connection.prepareStatement("insert into driver_feeds_into "
                    + "(driver_id, position, downstream_key) select id, 0, ? from driver where driver_key = ?")) {
                insert.setString(1, from);
                insert.setString(2, to);
                insert.executeUpdate();
            }
            try {
                asViewer().get("/drivers/flow")
                        .then()
                        .statusCode(409)
                        .contentType("application/problem+json")
                        .body("type", equalTo("https://topline.dev/problems/flow-cycle"))
                        .body("detail", containsString(from + " -> " + to + " -> " + from))
                        .body("violations[0].field", equalTo("feedsInto"));
            } finally {
                try (PreparedStatement delete = connection.prepareStatement("delete from driver_feeds_into where "
                        + "driver_id = (select id from driver where driver_key = ?)")) {
                    delete.setString(1, to);
                    delete.executeUpdate();
                }
            }
        }
        asViewer().get("/drivers/flow").then().statusCode(200);
    }

    @Test
    void shouldRequireAReadRole() {
        TestData.asIngest().get("/drivers/flow").then().statusCode(403).contentType("application/problem+json");
        given().get("/drivers/flow").then().statusCode(401).contentType("application/problem+json");
    }

    private static String create(String prefix, String function, String... feedsInto) {
        String key = TestData.key(prefix);
        Map<String, Object> body = TestData.driver(key, feedsInto);
        body.put("function", function);
        asAdmin().body(body).post("/drivers").then().statusCode(201);
        return key;
    }
}
