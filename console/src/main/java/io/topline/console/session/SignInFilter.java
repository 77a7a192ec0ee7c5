package io.topline.console.session;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Sends a page request without a session to the sign-in page, and back to the page afterwards. */
public class SignInFilter {

    private final Session session;

    public SignInFilter(Session session) {
        this.session = session;
    }

    @ServerRequestFilter
    public Optional<Response> requireSession(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path.startsWith("/console/sign-in") || path.startsWith("/q/") || session.signedIn()) {
            return Optional.empty();
        }
        if (!session.developmentSignIn()) {
            return Optional.of(Response.status(Response.Status.UNAUTHORIZED).build());
        }
        String next = request.getUriInfo().getRequestUri().getRawPath()
                + (request.getUriInfo().getRequestUri().getRawQuery() == null ? ""
                : "?" + request.getUriInfo().getRequestUri().getRawQuery());
        return Optional.of(Response.seeOther(URI.create("/console/sign-in?next="
                + URLEncoder.encode(next, StandardCharsets.UTF_8))).build());
    }
}
