package io.topline.console;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.topline.testinfra.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(ConsoleTestResource.class)
class SignInTest {

    @Test
    void shouldSendAPageRequestWithoutSessionToSignInAndBack() {
        Response response = RestAssured.given().redirects().follow(false)
                .get("/console/scorecard?cadence=MONTHLY");

        assertEquals(303, response.statusCode());
        assertEquals(base() + "/console/sign-in?next=%2Fconsole%2Fscorecard%3Fcadence%3DMONTHLY",
                response.header("Location"));
    }

    @Test
    void shouldKeepTheRolesDevelopmentTokenInAnHttpOnlySameSiteCookie() {
        Response response = RestAssured.given().redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("role", TestTokens.ONCALL).formParam("next", "/console/inbox?state=FIRING")
                .post("/console/sign-in");

        assertEquals(303, response.statusCode());
        assertEquals(base() + "/console/inbox?state=FIRING", response.header("Location"));
        String token = response.cookie("topline_session");
        assertEquals("topline_session=" + token + ";Version=1;Path=/;HttpOnly;SameSite=Lax",
                response.header("Set-Cookie"));
        assertEquals(List.of(TestTokens.ONCALL), RecordedApis.groups("Bearer " + token));
    }

    @Test
    void shouldNeverRedirectOutsideTheConsoleAfterSignIn() {
        for (String next : List.of("https://evil.example/", "//evil.example/", "/\\evil.example", "/console/sign-in")) {
            Response response = RestAssured.given().redirects().follow(false).contentType(ContentType.URLENC)
                    .formParam("role", TestTokens.VIEWER).formParam("next", next).post("/console/sign-in");

            assertEquals(base() + "/console/scorecard", response.header("Location"), next);
        }
    }

    @Test
    void shouldRefuseARoleWithoutADevelopmentToken() {
        Response response = RestAssured.given().redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("role", TestTokens.INGEST).post("/console/sign-in");

        assertEquals(400, response.statusCode());
        assertNull(response.header("Set-Cookie"));
        assertTrue(response.body().asString().contains("<p class=\"problem\" role=\"alert\">Pick one of the roles "
                + "listed.</p>"), response.body().asString());
    }

    @Test
    void shouldEndTheSessionOnSignOut() {
        Response response = RestAssured.given().redirects().follow(false)
                .cookie("topline_session", TestTokens.forRole(TestTokens.VIEWER)).post("/console/sign-in/out");

        assertEquals(303, response.statusCode());
        assertEquals(base() + "/console/sign-in", response.header("Location"));
        assertTrue(response.header("Set-Cookie").startsWith("topline_session=;"), response.header("Set-Cookie"));
        assertTrue(response.header("Set-Cookie").contains("Max-Age=0"), response.header("Set-Cookie"));
    }

    private static String base() {
        return "http://localhost:" + RestAssured.port;
    }
}
