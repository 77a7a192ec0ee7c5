package io.topline.console.session;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/** Development sign-in: pick a role, and the console keeps that role's development token in an HttpOnly cookie. */
@Path("/console/sign-in")
@Produces(MediaType.TEXT_HTML)
public class SignInResource {

    private final SignInConfig config;
    private final DevelopmentTokens tokens;

    public SignInResource(SignInConfig config, DevelopmentTokens tokens) {
        this.config = config;
        this.tokens = tokens;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance signIn(List<String> roles, String next, String error);
    }

    @GET
    public TemplateInstance page(@QueryParam("next") String next) {
        requireDevelopment();
        return Templates.signIn(Roles.PEOPLE, localPath(next), null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@FormParam("role") String role, @FormParam("next") String next) {
        requireDevelopment();
        Optional<String> token = tokens.of(role);
        if (token.isEmpty()) {
            String error = Roles.PEOPLE.contains(role)
                    ? "There is no development token at " + tokens.file(role) + ": start the local stack "
                    + "(deploy/local/start.sh), which writes one per role."
                    : "Pick one of the roles listed.";
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(Templates.signIn(Roles.PEOPLE, localPath(next), error)).build();
        }
        return Response.seeOther(URI.create(localPath(next))).cookie(cookie(token.get(), -1)).build();
    }

    @POST
    @Path("/out")
    public Response signOut() {
        requireDevelopment();
        return Response.seeOther(URI.create("/console/sign-in")).cookie(cookie("", 0)).build();
    }

    private NewCookie cookie(String value, int maxAge) {
        return new NewCookie.Builder(config.cookieName()).value(value).path("/").httpOnly(true)
                .secure(config.secureCookie()).sameSite(NewCookie.SameSite.LAX).maxAge(maxAge).build();
    }

    private void requireDevelopment() {
        if (config.mode() != SignInMode.DEVELOPMENT) {
            throw new NotFoundException();
        }
    }

    /** Where to go after signing in: only a path of this console, never another site (no open redirect). */
    static String localPath(String next) {
        return next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\")
                && !next.startsWith("/console/sign-in") ? next : "/console/scorecard";
    }
}
