package io.topline.drivers.organisation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.topline.drivers.TestData;
import io.topline.testinfra.ToplineInfrastructure;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.topline.drivers.TestData.asAdmin;
import static io.topline.drivers.TestData.asAdminYaml;
import static io.topline.drivers.TestData.asViewer;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The alerting sections through /organisation, with no alerts-service in this JVM: the tests point
 * topline.alerting.url at a closed port, so a file without alerting sections shows that it never calls
 * alerts-service, and one with them that an unreachable alerts-service is a 503 that says so and applies nothing.
 * The exchange with a real alerts-service is e2e-tests' CommandLineToolTest.
 */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class AlertingSectionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldPlanApplyAndValidateAFileWithoutAlertingSectionsWithoutCallingAlertsService() throws Exception {
        String sales = TestData.key("sales");
        Map<String, Object> file = TestData.organisation(List.of(TestData.driver(sales)), List.of());

        asAdmin().body(file).post("/organisation/plan").then().statusCode(200).body("changes", hasSize(1));
        asAdmin().body(file).post("/organisation/apply?prune=false").then().statusCode(200)
                .body("basedOn", org.hamcrest.Matchers.matchesPattern("org-[0-9a-f]{16}"));
        String exported = asViewer().get("/organisation").then().statusCode(200)
                .header("ETag", org.hamcrest.Matchers.matchesPattern("\"org-[0-9a-f]{16}\"")).extract().asString();

        JsonNode export = JSON.readTree(exported);
        assertEquals(List.of("calendar", "drivers", "measures"), List.copyOf(iterable(export.fieldNames())));
    }

    @Test
    void shouldValidateTheAlertingSectionsOfflineAndCountThem() throws Exception {
        String file = """
                drivers: []
                receivers:
                  - {key: team-slack, receiver: SLACK, url: "${TEAM_SLACK_URL}"}
                contacts:
                  - {email: sam@example.com, name: Sam, routes: [team-slack]}
                """;

        JsonNode answer = JSON.readTree(asAdminYaml().body(file).post("/organisation/validate")
                .then().statusCode(200).extract().asString());

        assertEquals(JSON.readTree("""
                {"valid": true, "drivers": 0, "measures": 0, "targets": 0, "receivers": 1, "contacts": 1}"""), answer);
    }

    @Test
    void shouldAnswerAnUnreachableAlertsServiceWithAProblemThatSaysSoAndApplyNothing() throws Exception {
        String sales = TestData.key("sales");
        String file = """
                drivers:
                  - {key: %s, name: Sales, function: SALES, owner: sam@example.com}
                receivers:
                  - {key: team-slack, receiver: SLACK, url: "${TEAM_SLACK_URL}"}
                secrets: {TEAM_SLACK_URL: "https://hooks.example.com/secret-value"}
                """.formatted(sales);

        for (String call : List.of("/organisation/plan", "/organisation/apply")) {
            String body = asAdminYaml().body(file).post(call).then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", "10").extract().asString();
            assertEquals(JSON.readTree("""
                    {"type": "https://topline.dev/problems/alerting-unavailable", "title": "alerts-service unavailable",
                     "status": 503, "detail": "alerts-service is unreachable at http://127.0.0.1:1 (connection refused); nothing was applied by this request, retry when it is back",
                     "instance": "%s"}""".formatted(call)), JSON.readTree(body));
        }
        asViewer().get("/drivers/" + sales).then().statusCode(404);
        asAdmin().get("/organisation").then().statusCode(503).header("Retry-After", "10");
    }

    @Test
    void shouldReportTheDriversViolationsOfAFileWithAlertingSectionsEvenWhenAlertsServiceIsAway() throws Exception {
        String file = """
                drivers:
                  - key: %s
                    name: Sales
                    function: SALES
                    owner: sam@example.com
                    feedsInto: [%s]
                receivers:
                  - {key: team-slack, receiver: SLACK, url: "${TEAM_SLACK_URL}"}
                """.formatted(TestData.key("sales"), TestData.key("ghost"));

        asAdminYaml().body(file).post("/organisation/plan").then().statusCode(422)
                .body("violations[0].field", equalTo("drivers[0].feedsInto[0]"))
                .body("violations[0].line", equalTo(6)).body("violations[0].column", equalTo(17));
    }

    @Test
    void shouldPlanATargetOfAStoredMeasureWithABacktestOrSayWhyThereIsNone() throws Exception {
        String sales = TestData.key("sales");
        String ratio = TestData.key("ratio");
        Map<String, Object> measure = TestData.measureWithTargets(ratio, sales, TestData.target("2026-10", 30, 20));
        Map<String, Object> file = TestData.organisation(List.of(TestData.driver(sales)), List.of(measure));
        asAdmin().body(file).post("/organisation/apply").then().statusCode(200);
        measure.put("targets", List.of(TestData.target("2026-10", 30, 20), TestData.target("2027-01", 35, 25)));

        JsonNode change = JSON.readTree(asViewer().body(file).post("/organisation/plan").then().statusCode(200)
                .extract().asString()).get("changes").get(0);

        assertEquals(JSON.readTree("""
                {"action": "UPDATE", "kind": "MEASURE", "key": "%s", "fields": ["targets"], "targetsAdded": ["2027-01"],
                 "backtests": [{"effectiveFrom": "2027-01", "unavailable": "no backtest: alerts-service is unreachable at http://127.0.0.1:1 (connection refused)"}]}
                """.formatted(ratio)), change);
    }

    private static <T> List<T> iterable(java.util.Iterator<T> iterator) {
        List<T> items = new java.util.ArrayList<>();
        iterator.forEachRemaining(items::add);
        return items;
    }
}
