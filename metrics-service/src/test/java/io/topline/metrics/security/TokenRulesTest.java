package io.topline.metrics.security;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.topline.testinfra.RequestAs;
import io.topline.testinfra.TestTokens;
import io.topline.testinfra.ToplineInfrastructure;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.hamcrest.Matchers.equalTo;

/** A token for another audience, or issued in the future, is refused with a 401 problem; a good one is served. */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class TokenRulesTest {

    @Test
    void shouldRefuseATokenForAnotherAudience() {
        String token = TestTokens.forRole(TestTokens.VIEWER, "https://another.example/api", Instant.now());
        assertUnauthorized(token);
    }

    @Test
    void shouldRefuseATokenIssuedInTheFuture() {
        String token = TestTokens.forRole(TestTokens.VIEWER, TestTokens.AUDIENCE, Instant.now().plus(Duration.ofMinutes(10)));
        assertUnauthorized(token);
        // a second time, when the service may have kept the verified token
        assertUnauthorized(token);
    }

    @Test
    void shouldServeATokenForTheAudienceIssuedWithinTheClockSkew() {
        String token = TestTokens.forRole(TestTokens.VIEWER, TestTokens.AUDIENCE, Instant.now().plusSeconds(20));
        RequestAs.bearer(token).when().get("/measurements?measure=none").then().statusCode(200);
    }

    private static void assertUnauthorized(String token) {
        RequestAs.bearer(token).when().get("/measurements?measure=none")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo("Bearer"))
                .body("type", equalTo("https://topline.dev/problems/unauthorized"))
                .body("title", equalTo("Unauthorized")).body("status", equalTo(401))
                .body("detail", equalTo("A valid bearer token is required"))
                .body("instance", equalTo("/measurements"));
    }
}
