package io.topline.drivers;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.topline.testinfra.ToplineInfrastructure;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class HealthTest {

    @Test
    void shouldBeReadyWithDatabaseAndKafkaUp() {
        given().when().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check", "Kafka connection health check"))
                .body("checks.find { it.name == 'Database connections health check' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'Kafka connection health check' }.status", equalTo("UP"));
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
        given().when().get("/q/openapi?format=json").then().statusCode(200).body("info.title", equalTo("Topline drivers-service"));
        given().when().get("/q/metrics").then().statusCode(200);
    }
}
