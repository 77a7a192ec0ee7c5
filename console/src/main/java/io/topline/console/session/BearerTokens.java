package io.topline.console.session;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;

/** Finds the bearer token of the person behind a request: the OIDC access token, or the development cookie. */
@ApplicationScoped
public class BearerTokens {

    private final SignInConfig config;

    public BearerTokens(SignInConfig config) {
        this.config = config;
    }

    /** The token to forward for {@code request}, if someone is signed in and the token has not expired. */
    public Optional<String> of(RoutingContext request) {
        Optional<String> token = config.mode() == SignInMode.OIDC ? accessToken(request) : cookie(request);
        return token.filter(value -> TokenClaims.of(value).map(c -> !c.expiredAt(Instant.now())).orElse(true));
    }

    private Optional<String> cookie(RoutingContext request) {
        Cookie cookie = request.request().getCookie(config.cookieName());
        return cookie == null || cookie.getValue().isBlank() ? Optional.empty() : Optional.of(cookie.getValue());
    }

    private static Optional<String> accessToken(RoutingContext request) {
        if (!(request.user() instanceof QuarkusHttpUser user)) {
            return Optional.empty();
        }
        SecurityIdentity identity = user.getSecurityIdentity();
        AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
        return credential == null ? Optional.empty() : Optional.of(credential.getToken());
    }
}
