package io.topline.testinfra;

import io.smallrye.jwt.build.Jwt;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** Signs JWT bearer tokens with the test key pair that only the test configuration trusts. */
public final class TestTokens {

    /** The issuer the services' test configuration expects. */
    public static final String ISSUER = "https://topline.test/issuer";

    /** The audience the services' test configuration expects ({@code mp.jwt.verify.audiences}). */
    public static final String AUDIENCE = "https://topline.test/api";

    // The role names for the tests (e2e-tests included). They cannot refer to io.topline.chassis.security.Roles:
    // the chassis's own tests depend on this module, so the dependency would be a cycle. The chassis's RolesTest
    // fails when the two lists differ.
    public static final String ADMIN = "topline-admin";
    public static final String INGEST = "topline-ingest";
    public static final String VIEWER = "topline-viewer";
    public static final String ONCALL = "topline-oncall";

    /** The user each role's token is issued to, so that "who did it" fields are predictable in assertions. */
    private static final Map<String, String> USERS = Map.of(
            ADMIN, "ada@example.com",
            INGEST, "ian@example.com",
            VIEWER, "vera@example.com",
            ONCALL, "olga@example.com");

    private static final String PRIVATE_KEY = "topline-test-keys/private-key.pem";

    private TestTokens() {
    }

    /** A token for {@code user} holding the given roles. */
    public static String token(String user, String... roles) {
        return Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .upn(user)
                .subject(user)
                .groups(Set.of(roles))
                .expiresIn(Duration.ofHours(1))
                .jws()
                .sign(PRIVATE_KEY);
    }

    /**
     * A token holding only {@code role} for another {@code audience}, issued at {@code issuedAt}: for the tests of
     * the services' token rules (a wrong audience, a token from the future).
     */
    public static String forRole(String role, String audience, Instant issuedAt) {
        return Jwt.issuer(ISSUER)
                .audience(audience)
                .upn(userOf(role))
                .subject(userOf(role))
                .groups(Set.of(role))
                .issuedAt(issuedAt)
                .expiresAt(issuedAt.plus(Duration.ofHours(1)))
                .jws()
                .sign(PRIVATE_KEY);
    }

    /** A token holding only {@code role}, issued to that role's test user (see {@link #userOf}). */
    public static String forRole(String role) {
        return token(userOf(role), role);
    }

    /** A bearer header value for {@code user} holding the given roles. */
    public static String bearer(String user, String... roles) {
        return "Bearer " + token(user, roles);
    }

    /** A bearer header value holding only {@code role}, for clients other than REST Assured (see {@link RequestAs}). */
    public static String bearerForRole(String role) {
        return "Bearer " + forRole(role);
    }

    /** The test user who holds {@code role}: ada (admin), ian (ingest), vera (viewer) or olga (on-call). */
    public static String userOf(String role) {
        String user = USERS.get(role);
        if (user == null) {
            throw new IllegalArgumentException("Not a Topline role: " + role + " (one of " + USERS.keySet() + ")");
        }
        return user;
    }
}
