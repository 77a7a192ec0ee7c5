package io.topline.console;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.topline.testinfra.TestTokens;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The production sign-in as configured (application.properties' OIDC settings, with only the provider's address and
 * endpoints given by the test resource): a page without a session starts the authorization code flow at the provider.
 */
@QuarkusTest
@WithTestResource(value = ConsoleTestResource.class, initArgs = @ResourceArg(name = ConsoleTestResource.OIDC,
        value = "true"))
class OidcSignInTest {

    @Test
    void shouldStartTheAuthorizationCodeFlowForAPageWithoutSession() {
        Response response = RestAssured.given().redirects().follow(false).get("/console/scorecard?cadence=MONTHLY");

        assertEquals(302, response.statusCode());
        String location = URLDecoder.decode(response.header("Location"), StandardCharsets.UTF_8);
        assertTrue(location.startsWith(provider() + "/protocol/openid-connect/auth?response_type=code"
                + "&client_id=topline-console&scope=openid profile"), location);
        assertTrue(location.contains("&redirect_uri=http://localhost:" + RestAssured.port + "/console/scorecard"),
                location);
    }

    @Test
    void shouldNeitherOfferTheDevelopmentSignInNorAcceptItsCookie() {
        Response signIn = RestAssured.given().redirects().follow(false).get("/console/sign-in");
        Response withCookie = RestAssured.given().redirects().follow(false)
                .cookie("topline_session", TestTokens.forRole(TestTokens.VIEWER))
                .get("/api/scorecard");

        assertEquals(302, signIn.statusCode());
        assertEquals(302, withCookie.statusCode());
        assertTrue(withCookie.header("Location").startsWith(provider()), withCookie.header("Location"));
        assertEquals(0, RecordedApis.instance().received("GET", "/scorecard").stream()
                .filter(call -> call.query() == null).count());
    }

    /** RecordedApis plays the provider: it serves the key set the console reads before it redirects. */
    private static String provider() {
        return RecordedApis.instance().baseUrl() + RecordedApis.OIDC_REALM;
    }

    @Test
    void shouldKeepHealthOpen() {
        assertEquals(200, RestAssured.get("/q/health/ready").statusCode());
    }
}
