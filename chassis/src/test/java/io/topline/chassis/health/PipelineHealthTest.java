package io.topline.chassis.health;

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

/** Readiness is the database alone; the broker is the pipeline group's, and a broker outage shows only there. */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class PipelineHealthTest {

    @Test
    void shouldStayReadyAndLiveWhileTheBrokerIsDownAndReportItInThePipelineGroup() throws Exception {
        awaitPipeline(200, "UP");
        BrokerServer broker = ToplineInfrastructure.kafka().brokers().values().iterator().next();
        broker.shutdown();
        broker.awaitShutdown();
        try {
            awaitPipeline(503, "DOWN");
            given().get("/q/health/group/pipeline").then()
                    .body("checks.find { it.name == 'Kafka broker' }.status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'Outbox relay' }.status", equalTo("UP"));
            given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
            given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        } finally {
            broker.startup();
            ToplineInfrastructure.kafka().waitForReadyBrokers();
        }
        awaitPipeline(200, "UP");
    }

    @Test
    void shouldExposeTheOutboxGaugesInPrometheusMetrics() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("topline_outbox_backlog_events"))
                .body(containsString("topline_outbox_oldest_age_seconds"))
                .body(containsString("topline_outbox_relay_alive"))
                .body(containsString("topline_kafka_reachable"));
    }

    private static void awaitPipeline(int status, String health) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/group/pipeline")
                .then().statusCode(status).body("status", equalTo(health)));
    }
}
