package io.topline.testinfra;

import io.smallrye.jwt.build.Jwt;

import java.time.Duration;
import java.util.Set;

/** Signs JWT bearer tokens with the test key pair that only the test configuration trusts. */
public final class TestTokens {

    /** The issuer the services' test configuration expects. */
    public static final String ISSUER = "https://topline.test/issuer";
    public static final String ADMIN = "topline-admin";
    public static final String INGEST = "topline-ingest";
    public static final String VIEWER = "topline-viewer";
    public static final String ONCALL = "topline-oncall";

    private static final String PRIVATE_KEY = "topline-test-keys/private-key.pem";

    private TestTokens() {
    }

    /** A token for {@code user} holding the given roles. */
    public static String token(String user, String... roles) {
        return Jwt.issuer(ISSUER)
                .upn(user)
                .subject(user)
                .groups(Set.of(roles))
                .expiresIn(Duration.ofHours(1))
                .jws()
                .sign(PRIVATE_KEY);
    }

    /** A bearer header value for {@code user} holding the given roles. */
    public static String bearer(String user, String... roles) {
        return "Bearer " + token(user, roles);
    }
}
