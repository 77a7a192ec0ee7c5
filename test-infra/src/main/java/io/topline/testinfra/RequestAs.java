package io.topline.testinfra;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** REST Assured requests that carry a bearer token of one role: the one way the tests authenticate. */
public final class RequestAs {

    /** Where a role's bearer token comes from. */
    @FunctionalInterface
    public interface TokenSource {

        /** The bearer token (without the {@code Bearer } prefix) for {@code role}. */
        String token(String role);
    }

    /** Tokens signed with test-infra's test key for each role's test user, which the services trust in tests. */
    public static final TokenSource TEST_KEYS = TestTokens::forRole;

    private RequestAs() {
    }

    /** A request as {@code role}, with a token of the test keys. */
    public static RequestSpecification role(String role) {
        return role(TEST_KEYS, role);
    }

    /** A request as {@code role}, with a token of {@code tokens} (e2e-tests: the local stack's development keys). */
    public static RequestSpecification role(TokenSource tokens, String role) {
        return bearer(tokens.token(role));
    }

    /** A request as {@code user} holding {@code roles}, for tests that need someone other than the role's test user. */
    public static RequestSpecification user(String user, String... roles) {
        return bearer(TestTokens.token(user, roles));
    }

    /** A request carrying exactly this bearer token, for tests of tokens that are forged, expired or foreign. */
    public static RequestSpecification bearer(String token) {
        return RestAssured.given().auth().oauth2(token);
    }

    public static RequestSpecification admin() {
        return role(TestTokens.ADMIN);
    }

    public static RequestSpecification ingest() {
        return role(TestTokens.INGEST);
    }

    public static RequestSpecification viewer() {
        return role(TestTokens.VIEWER);
    }

    public static RequestSpecification oncall() {
        return role(TestTokens.ONCALL);
    }
}
