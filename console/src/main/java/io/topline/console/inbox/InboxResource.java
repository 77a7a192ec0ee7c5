package io.topline.console.inbox;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.topline.console.api.ApiClient;
import io.topline.console.api.Service;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
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
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The alert inbox: the alerts with filters, updated live from the stream (console.js), and an alert's page with its
 * history; acknowledge, resolve and silence are forms, so they work from the keyboard and without scripts.
 */
@Path("/console/inbox")
@Produces(MediaType.TEXT_HTML)
public class InboxResource {

    private static final int PAGE_SIZE = 50;

    private final ApiClient api;

    public InboxResource(ApiClient api) {
        this.api = api;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance inbox(AlertFilters filters, Alert.Page alerts, String back, String done);

        static native TemplateInstance rows(Alert.Page alerts, String back);

        static native TemplateInstance alert(Alert alert, String done, List<String> lengths);
    }

    @GET
    public TemplateInstance inbox(@BeanParam AlertFilters filters, @QueryParam("done") String done) {
        return Templates.inbox(filters, list(filters), filters.getBack(), done);
    }

    /** The table's rows alone, which the page fetches again when the stream announces a change. */
    @GET
    @Path("/rows")
    public TemplateInstance rows(@BeanParam AlertFilters filters) {
        return Templates.rows(list(filters), filters.getBack());
    }

    @GET
    @Path("/{id}")
    public TemplateInstance alert(@PathParam("id") String id, @QueryParam("done") String done) {
        return Templates.alert(find(id), done, List.copyOf(SilenceForm.LENGTHS.keySet()));
    }

    @POST
    @Path("/{id}/acknowledge")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response acknowledge(@PathParam("id") String id, @FormParam("comment") String comment,
                                @FormParam("back") String back) {
        api.post(Service.ALERTS, "/alerts/" + uuid(id) + "/acknowledge", comment(comment));
        return back(back, id, "acknowledged");
    }

    @POST
    @Path("/{id}/resolve")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response resolve(@PathParam("id") String id, @FormParam("comment") String comment,
                            @FormParam("back") String back) {
        api.post(Service.ALERTS, "/alerts/" + uuid(id) + "/resolve", comment(comment));
        return back(back, id, "resolved");
    }

    @POST
    @Path("/{id}/silence")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response silence(@PathParam("id") String id, @FormParam("length") String length,
                            @FormParam("everyPeriod") boolean everyPeriod, @FormParam("comment") String comment) {
        Alert alert = find(id);
        api.post(Service.ALERTS, "/silences", SilenceForm.request(alert, length, everyPeriod, comment, Instant.now()));
        return Response.seeOther(URI.create("/console/inbox/" + alert.id() + "?done=silenced")).build();
    }

    private Alert.Page list(AlertFilters filters) {
        return api.get(Service.ALERTS, filters.on("/alerts").param("page", filters.getPage())
                .param("size", PAGE_SIZE).toString(), Alert.Page.class);
    }

    private Alert find(String id) {
        return api.get(Service.ALERTS, "/alerts/" + uuid(id), Alert.class);
    }

    /** The id as a UUID, so that nothing but an alert id ever reaches the API's path. */
    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException();
        }
    }

    private static Map<String, String> comment(String comment) {
        Map<String, String> body = new HashMap<>();
        body.put("comment", comment == null || comment.isBlank() ? null : comment);
        return body;
    }

    /** After an action: back to the inbox with its filters, or to the alert's page. */
    private static Response back(String back, String id, String done) {
        String target = back != null && back.startsWith("/console/inbox") ? back : "/console/inbox/" + id;
        return Response.seeOther(URI.create(target + (target.contains("?") ? "&" : "?") + "done=" + done)).build();
    }
}
