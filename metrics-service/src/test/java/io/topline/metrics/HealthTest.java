package io.topline.metrics;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.topline.testinfra.ToplineInfrastructure;
import kafka.server.BrokerServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class HealthTest {

    @Test
    void shouldBeReadyOnTheDatabaseAloneAndReportTheBrokerInThePipelineGroup() {
        given().when().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'Database connections health check' }.status", equalTo("UP"))
                .body("checks.name", not(hasItem("Kafka connection health check")));
        awaitPipeline(200, "UP");
        given().when().get("/q/health/group/pipeline").then()
                .body("checks.name", hasItems("Kafka broker", "Outbox backlog", "Consumer lag", "Dead letters",
                        "Outbox relay"));
    }

    @Test
    void shouldStayReadyWhileTheBrokerIsDownWithThePipelineGroupDown() throws Exception {
        awaitPipeline(200, "UP");
        BrokerServer broker = ToplineInfrastructure.kafka().brokers().values().iterator().next();
        broker.shutdown();
        broker.awaitShutdown();
        try {
            awaitPipeline(503, "DOWN");
            given().when().get("/q/health/group/pipeline").then()
                    .body("checks.find { it.name == 'Kafka broker' }.status", equalTo("DOWN"));
            given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
            given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        } finally {
            broker.startup();
            ToplineInfrastructure.kafka().waitForReadyBrokers();
        }
        awaitPipeline(200, "UP");
    }

    @Test
    void shouldAnswerUnknownPathWithProblem() {
        given().when().get("/no-such-thing")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://topline.dev/problems/not-found"))
                .body("title", equalTo("Not Found"))
                .body("status", equalTo(404))
                .body("detail", equalTo("There is nothing at /no-such-thing"))
                .body("instance", equalTo("/no-such-thing"));
    }

    @Test
    void shouldServeOpenApiAndMetrics() {
        given().when().get("/q/openapi?format=json").then().statusCode(200).body("info.title", equalTo("Topline metrics-service"));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("topline_outbox_backlog_events"))
                .body(containsString("topline_outbox_oldest_age_seconds"))
                .body(containsString("topline_outbox_relay_alive"))
                .body(containsString("topline_kafka_reachable"))
                .body(containsString("topline_consumer_lag_records{channel=\"measurements\""))
                .body(containsString("topline_dead_letters_records{topic=\"topline.measurements.dlq\""));
    }

    private static void awaitPipeline(int status, String health) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/q/health/group/pipeline")
                .then().statusCode(status).body("status", equalTo(health)));
    }
}
