package io.topline.metrics.security;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import io.topline.testinfra.RequestAs;
import io.topline.testinfra.TestTokens;
import io.topline.testinfra.ToplineInfrastructure;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class VerifiedTokenCacheTest {

    @Inject
    JWTParser parser;

    @Test
    void shouldReuseTheVerificationOfTheSameTokenAndOfNoOtherOne() throws Exception {
        String token = TestTokens.token("cache-user", TestTokens.INGEST);
        JsonWebToken first = parser.parse(token);
        assertEquals("cache-user", first.getName());
        assertEquals(Set.of(TestTokens.INGEST), first.getGroups());
        assertSame(first, parser.parse(token));

        // the same header and claims with another signature: verified afresh, and refused, while the genuine is cached
        int signature = token.lastIndexOf('.') + 1;
        int at = signature + (token.length() - signature) / 2;
        String forged = token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);
        assertThrows(ParseException.class, () -> parser.parse(forged));
        RequestAs.bearer(forged).queryParam("measure", "anything")
                .when().get("/measurements")
                .then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401))
                .body("type", equalTo("https://topline.dev/problems/unauthorized"));
    }

    @Test
    void shouldVerifyATokenAgainOnceItExpired() throws Exception {
        String token = Jwt.issuer(TestTokens.ISSUER).audience(TestTokens.AUDIENCE).upn("short-lived")
                .groups(Set.of(TestTokens.INGEST))
                .expiresIn(Duration.ofSeconds(2)).jws().sign("topline-test-keys/private-key.pem");
        JsonWebToken first = parser.parse(token);
        assertSame(first, parser.parse(token));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Instant.now().getEpochSecond() > first.getExpirationTime());
        JsonWebToken again = null;
        try {
            again = parser.parse(token);
        } catch (ParseException refused) {
            // the verifier's own rule (clock skew) decides whether a just-expired token still passes; not the cache
        }
        assertNotSame(first, again);
    }
}
