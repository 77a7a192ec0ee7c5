package io.topline.console.admin;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.topline.console.api.ApiClient;
import io.topline.console.api.ApiException;
import io.topline.console.api.Service;
import io.topline.console.session.Session;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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

/**
 * The drivers, for admins: list, create, edit (with the ETag read when the form was shown, so a change made meanwhile
 * is refused with 412 instead of overwritten) and archive. A refusal is shown next to the form, with what was typed.
 */
@Path("/console/admin/drivers")
@Produces(MediaType.TEXT_HTML)
public class DriversResource {

    private final ApiClient api;
    private final Session session;

    public DriversResource(ApiClient api, Session session) {
        this.api = api;
        this.session = session;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance drivers(Definition.DriverPage drivers, FormState form, String done);

        static native TemplateInstance driver(Definition.Driver driver, FormState form, String done);
    }

    @GET
    public TemplateInstance list(@QueryParam("done") String done) {
        AdminOnly.require(session);
        return Templates.drivers(drivers(), FormState.empty(), done);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(MultivaluedMap<String, String> fields) {
        AdminOnly.require(session);
        FormState form = FormState.of(fields);
        try {
            api.post(Service.DRIVERS, "/drivers", new Body().put("key", form.optional("key"))
                    .put("name", form.optional("name")).put("function", form.optional("function"))
                    .put("owner", form.optional("owner")).put("description", form.optional("description"))
                    .put("feedsInto", form.list("feedsInto")).fields());
        } catch (ApiException refusal) {
            return Refusals.show(refusal, Templates.drivers(drivers(), form.refused(refusal), null));
        }
        return Response.seeOther(URI.create("/console/admin/drivers?done=created")).build();
    }

    @GET
    @Path("/{key}")
    public TemplateInstance edit(@PathParam("key") String key, @QueryParam("done") String done) {
        AdminOnly.require(session);
        Definition.Driver driver = driver(key);
        return Templates.driver(driver, filled(driver), done);
    }

    /** Saves the whole new state with {@code If-Match} the revision the form was shown with. */
    @POST
    @Path("/{key}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(@PathParam("key") String key, MultivaluedMap<String, String> fields) {
        AdminOnly.require(session);
        FormState form = FormState.of(fields);
        try {
            api.write(Service.DRIVERS, "PUT", "/drivers/" + Slugs.check(key), new Body()
                    .put("name", form.optional("name")).put("function", form.optional("function"))
                    .put("owner", form.optional("owner")).put("description", form.optional("description"))
                    .put("feedsInto", form.list("feedsInto")).fields(), form.number("revision"));
        } catch (ApiException refusal) {
            return Refusals.show(refusal, Templates.driver(driver(key), form.refused(refusal), null));
        }
        return Response.seeOther(URI.create("/console/admin/drivers/" + key + "?done=saved")).build();
    }

    @POST
    @Path("/{key}/archive")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response archive(@PathParam("key") String key, MultivaluedMap<String, String> fields) {
        AdminOnly.require(session);
        FormState form = FormState.of(fields);
        try {
            api.write(Service.DRIVERS, "POST", "/drivers/" + Slugs.check(key) + "/archive", null,
                    form.number("revision"));
        } catch (ApiException refusal) {
            Definition.Driver driver = driver(key);
            return Refusals.show(refusal, Templates.driver(driver, filled(driver).refused(refusal), null));
        }
        return Response.seeOther(URI.create("/console/admin/drivers?done=archived")).build();
    }

    private Definition.DriverPage drivers() {
        return api.get(Service.DRIVERS, "/drivers?includeArchived=true&size=100", Definition.DriverPage.class);
    }

    private Definition.Driver driver(String key) {
        return api.get(Service.DRIVERS, "/drivers/" + Slugs.check(key), Definition.Driver.class);
    }

    private static FormState filled(Definition.Driver driver) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", driver.name());
        values.put("function", driver.function());
        values.put("owner", driver.owner());
        values.put("description", driver.description());
        values.put("feedsInto", driver.feedsText());
        values.put("revision", driver.revision());
        return FormState.filled(values);
    }
}
