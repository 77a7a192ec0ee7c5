package io.topline.console.session;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import java.util.List;
import java.util.Optional;

/**
 * Who is signed in for this request, with their token and roles: the pages show only the actions the roles allow
 * (a viewer sees no acknowledge button), while the APIs enforce the roles anyway.
 */
@RequestScoped
@Named("session")
public class Session {

    private final CurrentVertxRequest request;
    private final BearerTokens tokens;
    private final SignInConfig config;
    private Optional<String> token = Optional.empty();
    private TokenClaims claims;

    public Session(CurrentVertxRequest request, BearerTokens tokens, SignInConfig config) {
        this.request = request;
        this.tokens = tokens;
        this.config = config;
    }

    @PostConstruct
    void read() {
        token = request.getCurrent() == null ? Optional.empty() : tokens.of(request.getCurrent());
        claims = token.flatMap(TokenClaims::of).orElse(new TokenClaims("anonymous", List.of(), null));
    }

    public boolean signedIn() {
        return token.isPresent();
    }

    /** The token forwarded to the APIs as {@code Authorization: Bearer}. */
    public Optional<String> bearerToken() {
        return token;
    }

    public String user() {
        return claims.user();
    }

    /** The roles, comma separated, for the page header. */
    public String roles() {
        return String.join(", ", claims.groups());
    }

    /** Acknowledge and resolve are the on-call role's. */
    public boolean canHandleAlerts() {
        return claims.groups().contains(Roles.ONCALL);
    }

    /** Silences are created by admins and on-call people. */
    public boolean canSilence() {
        return claims.groups().contains(Roles.ONCALL) || claims.groups().contains(Roles.ADMIN);
    }

    public boolean isAdmin() {
        return claims.groups().contains(Roles.ADMIN);
    }

    /** Whether sign-out ends a development session (OIDC sign-out belongs to the provider). */
    public boolean developmentSignIn() {
        return config.mode() == SignInMode.DEVELOPMENT;
    }
}
