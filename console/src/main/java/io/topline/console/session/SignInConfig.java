package io.topline.console.session;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;

/** How people sign in to the console: OIDC in production, the development tokens locally. */
@ConfigMapping(prefix = "topline.console.sign-in")
public interface SignInConfig {

    /**
     * OIDC (production: Quarkus OIDC's authorization code flow, the provider's access token forwarded to the APIs) or
     * DEVELOPMENT (a page to pick a role, whose development token the console keeps in a session cookie). The safe
     * choice is the default; only the local and test profiles pick DEVELOPMENT.
     */
    @WithDefault("OIDC")
    SignInMode mode();

    /**
     * Where DEVELOPMENT sign-in reads the token of each role ({@code <role>.jwt}); the local stack writes them to
     * {@code .local/tokens}, relative to the directory it starts the console in.
     */
    @WithDefault(".local/tokens")
    Path tokensDirectory();

    /**
     * The session cookie that holds the development token; it is HttpOnly and SameSite=Lax, so neither the page's
     * scripts nor other sites can read or send it.
     */
    @WithDefault("topline_session")
    String cookieName();

    /**
     * Whether the session cookie is marked Secure (sent over HTTPS only). On by default; the local stack serves plain
     * HTTP on 127.0.0.1 and turns it off.
     */
    @WithDefault("true")
    boolean secureCookie();
}
