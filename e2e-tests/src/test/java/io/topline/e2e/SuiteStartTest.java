package io.topline.e2e;

import io.topline.testinfra.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** The start command brings every service to ready, and a printed token reaches a protected endpoint. */
@ExtendWith(Suite.class)
class SuiteStartTest {

    @Test
    void shouldBringEveryServiceToReadyWithSwaggerUi() {
        for (String url : new String[] {Suite.driversUrl(), Suite.metricsUrl(), Suite.alertsUrl()}) {
            given().baseUri(url).get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
            given().baseUri(url).get("/q/swagger-ui/").then().statusCode(200);
        }
    }

    @Test
    void shouldRefuseAProtectedCallWithoutTokenAndAcceptAPrintedToken() {
        given().baseUri(Suite.driversUrl()).get("/drivers")
                .then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
        Api.as(TestTokens.VIEWER).baseUri(Suite.driversUrl()).get("/drivers")
                .then().statusCode(200);
    }
}
