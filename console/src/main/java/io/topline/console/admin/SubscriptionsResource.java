package io.topline.console.admin;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.topline.console.api.ApiClient;
import io.topline.console.api.ApiException;
import io.topline.console.api.Service;
import io.topline.console.session.Session;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The subscriptions (receivers), for admins: list, create for each receiver kind with the settings it needs, disable
 * and enable, and change the message template after previewing it. A new webhook's signing secret is shown once, on
 * the page that answers its creation, as the API gives it only then.
 */
@Path("/console/admin/subscriptions")
@Produces(MediaType.TEXT_HTML)
public class SubscriptionsResource {

    private final ApiClient api;
    private final Session session;

    public SubscriptionsResource(ApiClient api, Session session) {
        this.api = api;
        this.session = session;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance subscriptions(Subscription.Page subscriptions, FormState form);

        static native TemplateInstance subscription(Subscription subscription, FormState form, Preview preview,
                                                    String done);
    }

    @GET
    public TemplateInstance list() {
        AdminOnly.require(session);
        return Templates.subscriptions(subscriptions(), FormState.empty());
    }

    /** Creates it and answers with its page (not a redirect): a webhook's secret is in this answer only. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(MultivaluedMap<String, String> fields) {
        AdminOnly.require(session);
        FormState form = FormState.of(fields);
        Subscription created;
        try {
            created = api.read(api.post(Service.ALERTS, "/subscriptions", body(form)), Subscription.class);
        } catch (ApiException refusal) {
            return Refusals.show(refusal, Templates.subscriptions(subscriptions(), form.refused(refusal)));
        }
        return Response.status(201).location(URI.create("/console/admin/subscriptions/" + created.id()))
                .entity(Templates.subscription(created, template(created), null, "created")).build();
    }

    @GET
    @Path("/{id}")
    public TemplateInstance show(@PathParam("id") String id, @QueryParam("done") String done) {
        AdminOnly.require(session);
        Subscription subscription = subscription(id);
        return Templates.subscription(subscription, template(subscription), null, done);
    }

    /** Disabling is the API's {@code DELETE}: its deliveries and history stay, and it can be enabled again. */
    @POST
    @Path("/{id}/disable")
    public Response disable(@PathParam("id") String id) {
        AdminOnly.require(session);
        api.write(Service.ALERTS, "DELETE", "/subscriptions/" + uuid(id), null, null);
        return Response.seeOther(URI.create("/console/admin/subscriptions/" + uuid(id) + "?done=disabled")).build();
    }

    @POST
    @Path("/{id}/enable")
    public Response enable(@PathParam("id") String id) {
        AdminOnly.require(session);
        api.post(Service.ALERTS, "/subscriptions/" + uuid(id) + "/enable", Map.of());
        return Response.seeOther(URI.create("/console/admin/subscriptions/" + uuid(id) + "?done=enabled")).build();
    }

    /**
     * The template form's two buttons: {@code preview} renders the typed template for a sample firing (nothing is
     * saved or sent), {@code save} replaces the template. Either refusal (a part that does not parse) is shown there.
     */
    @POST
    @Path("/{id}/template")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response template(@PathParam("id") String id, MultivaluedMap<String, String> fields) {
        AdminOnly.require(session);
        FormState form = FormState.of(fields);
        Map<String, Object> template = new Body().put("title", form.optional("title"))
                .put("text", form.optional("text")).fields();
        try {
            if (form.has("action", "save")) {
                api.write(Service.ALERTS, "PUT", "/subscriptions/" + uuid(id) + "/template", template, null);
                return Response.seeOther(URI.create("/console/admin/subscriptions/" + uuid(id) + "?done=saved")).build();
            }
            Preview preview = api.read(api.post(Service.ALERTS, "/subscriptions/" + uuid(id) + "/preview",
                    Map.of("template", template)), Preview.class);
            return Response.ok(Templates.subscription(subscription(id), form, preview, null)).build();
        } catch (ApiException refusal) {
            return Refusals.show(refusal, Templates.subscription(subscription(id), form.refused(refusal), null,
                    null));
        }
    }

    /** CreateSubscriptionRequest from the form: a blank field is left out, so the API's checks name what is missing. */
    private static Map<String, Object> body(FormState form) {
        Map<String, Object> template = new Body().put("title", form.optional("title"))
                .put("text", form.optional("text")).fields();
        return new Body().put("receiver", form.optional("receiver")).put("url", form.optional("url"))
                .put("routingKey", form.optional("routingKey")).put("recipients", form.list("recipients"))
                .put("template", template.isEmpty() ? null : template)
                .put("description", form.optional("description")).put("drivers", form.list("drivers"))
                .put("functions", form.options("functions")).put("measures", form.list("measures"))
                .put("kinds", form.options("kinds")).put("minSeverity", form.optional("minSeverity"))
                .put("repeatInterval", form.optional("repeatInterval"))
                .put("routeOnly", form.checked("routeOnly") ? Boolean.TRUE : null)
                .put("holdDownstream", form.checked("holdDownstream") ? Boolean.TRUE : null).fields();
    }

    private static FormState template(Subscription subscription) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (subscription.template() != null) {
            values.put("title", subscription.template().title());
            values.put("text", subscription.template().text());
        }
        return FormState.filled(values);
    }

    private Subscription.Page subscriptions() {
        return api.get(Service.ALERTS, "/subscriptions?size=100", Subscription.Page.class);
    }

    private Subscription subscription(String id) {
        return api.get(Service.ALERTS, "/subscriptions/" + uuid(id), Subscription.class);
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException();
        }
    }
}
