package io.topline.console.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.topline.console.api.ApiException;
import io.topline.console.session.Session;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;

/**
 * Shows an API's refusal as a page that says what happened in the API's own words (and a missing page as the
 * console's own page); a token the API no longer accepts sends a development session back to sign-in.
 */
public class ApiExceptionMapper {

    private final Session session;

    public ApiExceptionMapper(Session session) {
        this.session = session;
    }

    @CheckedTemplate(basePath = "")
    static class Templates {
        static native TemplateInstance error(int status, String title, String detail);
    }

    @ServerExceptionMapper
    public Response map(ApiException failure) {
        if (failure.status() == 401 && session.developmentSignIn()) {
            return Response.seeOther(URI.create("/console/sign-in")).build();
        }
        return Response.status(failure.status()).type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.error(failure.status(), failure.title(), failure.detail())).build();
    }

    /** A page the console does not have (or a key that is not one) is the console's own page too, not Quarkus's. */
    @ServerExceptionMapper
    public Response notFound(NotFoundException missing) {
        return Response.status(404).type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.error(404, "Not found", "The console has no such page")).build();
    }
}
