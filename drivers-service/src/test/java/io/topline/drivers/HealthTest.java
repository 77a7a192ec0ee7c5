package io.topline.drivers;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.topline.testinfra.HealthChecks;
import io.topline.testinfra.ToplineInfrastructure;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Health, problem responses for unknown paths, OpenAPI and metrics of this service. */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class HealthTest {

    @Test
    void shouldBeReadyOnTheDatabaseAloneAndReportTheBrokerInThePipelineGroup() {
        HealthChecks.assertReadyOnTheDatabaseAlone();
    }

    @Test
    void shouldStayReadyWhileTheBrokerIsDownWithThePipelineGroupDown() throws Exception {
        HealthChecks.assertReadyWhileTheBrokerIsDown();
    }

    @Test
    void shouldAnswerUnknownPathWithProblem() {
        HealthChecks.assertUnknownPathIsAProblem();
    }

    @Test
    void shouldServeOpenApiAndMetrics() {
        given().when().get("/q/openapi?format=json").then().statusCode(200).body("info.title", equalTo("Topline drivers-service"));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("topline_outbox_backlog_events"))
                .body(containsString("topline_outbox_oldest_age_seconds"))
                .body(containsString("topline_outbox_relay_alive"))
                .body(containsString("topline_kafka_reachable"));
    }
}
