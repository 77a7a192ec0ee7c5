package io.topline.testinfra;

import kafka.server.BrokerServer;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

/** What every service's health endpoints must say, checked the same way in each module's HealthTest. */
public final class HealthChecks {

    private HealthChecks() {
    }

    /** Readiness is the database alone; the broker and the rest of the pipeline are their own group. */
    public static void assertReadyOnTheDatabaseAlone() {
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

    /** With the test broker stopped the service stays ready and live while the pipeline group is DOWN. */
    public static void assertReadyWhileTheBrokerIsDown() throws Exception {
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

    /** A path nobody serves is a problem response too. */
    public static void assertUnknownPathIsAProblem() {
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

    private static void awaitPipeline(int status, String health) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/q/health/group/pipeline")
                .then().statusCode(status).body("status", equalTo(health)));
    }
}
