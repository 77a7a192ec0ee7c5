package io.topline.console.admin;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.topline.console.api.ApiClient;
import io.topline.console.api.Query;
import io.topline.console.api.Service;
import io.topline.console.session.Session;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Administration: the silences in force (expire one), and for admins the webhook subscriptions. Target versions are
 * set from a measure's page. The rest (drivers, measures, receivers) is still done through the APIs.
 */
@Path("/console/admin")
@Produces(MediaType.TEXT_HTML)
public class AdministrationResource {

    private final ApiClient api;
    private final Session session;

    public AdministrationResource(ApiClient api, Session session) {
        this.api = api;
        this.session = session;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance administration(List<Silence> silences, List<Subscription> subscriptions,
                                                      String done);
    }

    @GET
    public TemplateInstance page(@QueryParam("done") String done) {
        List<Silence> silences = new ArrayList<>();
        for (String state : List.of("ACTIVE", "PENDING")) {
            silences.addAll(api.get(Service.ALERTS, Query.path("/silences").param("state", state).param("size", 100)
                    .toString(), Silence.Page.class).items());
        }
        List<Subscription> subscriptions = session.isAdmin() ? api.get(Service.ALERTS,
                "/subscriptions?size=100", Subscription.Page.class).items() : List.of();
        return Templates.administration(silences, subscriptions, done);
    }

    @POST
    @Path("/silences/{id}/expire")
    public Response expire(@PathParam("id") String id) {
        api.post(Service.ALERTS, "/silences/" + uuid(id) + "/expire", Map.of());
        return Response.seeOther(URI.create("/console/admin?done=expired")).build();
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException();
        }
    }
}
