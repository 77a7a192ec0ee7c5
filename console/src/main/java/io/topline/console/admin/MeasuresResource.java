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
 * The measures, for admins: list, create (cadence, unit, aggregation, direction, owner, the heartbeat
 * {@code expectedEvery}), edit what may change (with the ETag read when the form was shown) and archive. Key, driver,
 * direction and cadence are fixed for life, so the edit form shows them without fields. Target versions are set from
 * the measure's own page.
 */
@Path("/console/admin/measures")
@Produces(MediaType.TEXT_HTML)
public class MeasuresResource {

    private final ApiClient api;
    private final Session session;

    public MeasuresResource(ApiClient api, Session session) {
        this.api = api;
        this.session = session;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance measures(Definition.MeasurePage measures, Definition.DriverPage drivers,
                                                FormState form, String done);

        static native TemplateInstance measure(Definition.Measure measure, FormState form, String done);
    }

    @GET
    public TemplateInstance list(@QueryParam("done") String done) {
        AdminOnly.require(session);
        return Templates.measures(measures(), drivers(), FormState.empty(), done);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(MultivaluedMap<String, String> fields) {
        AdminOnly.require(session);
        FormState form = FormState.of(fields);
        try {
            api.post(Service.DRIVERS, "/measures", changeable(form, new Body().put("key", form.optional("key"))
                    .put("driverKey", form.optional("driverKey")).put("direction", form.optional("direction"))
                    .put("cadence", form.optional("cadence"))).fields());
        } catch (ApiException refusal) {
            return Refusals.show(refusal, Templates.measures(measures(), drivers(), form.refused(refusal), null));
        }
        return Response.seeOther(URI.create("/console/admin/measures?done=created")).build();
    }

    @GET
    @Path("/{key}")
    public TemplateInstance edit(@PathParam("key") String key, @QueryParam("done") String done) {
        AdminOnly.require(session);
        Definition.Measure measure = measure(key);
        return Templates.measure(measure, filled(measure), done);
    }

    /** Saves the changeable state with {@code If-Match} the revision the form was shown with. */
    @POST
    @Path("/{key}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(@PathParam("key") String key, MultivaluedMap<String, String> fields) {
        AdminOnly.require(session);
        FormState form = FormState.of(fields);
        try {
            api.write(Service.DRIVERS, "PUT", "/measures/" + Slugs.check(key), changeable(form, new Body()).fields(),
                    form.number("revision"));
        } catch (ApiException refusal) {
            return Refusals.show(refusal, Templates.measure(measure(key), form.refused(refusal), null));
        }
        return Response.seeOther(URI.create("/console/admin/measures/" + key + "?done=saved")).build();
    }

    @POST
    @Path("/{key}/archive")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response archive(@PathParam("key") String key, MultivaluedMap<String, String> fields) {
        AdminOnly.require(session);
        FormState form = FormState.of(fields);
        try {
            api.write(Service.DRIVERS, "POST", "/measures/" + Slugs.check(key) + "/archive", null,
                    form.number("revision"));
        } catch (ApiException refusal) {
            Definition.Measure measure = measure(key);
            return Refusals.show(refusal, Templates.measure(measure, filled(measure).refused(refusal), null));
        }
        return Response.seeOther(URI.create("/console/admin/measures?done=archived")).build();
    }

    /** The fields both a new measure and a change have (UpdateMeasureRequest's changeable ones). */
    private static Body changeable(FormState form, Body body) {
        return body.put("name", form.optional("name")).put("unit", form.optional("unit"))
                .put("currency", form.optional("currency")).put("aggregation", form.optional("aggregation"))
                .put("owner", form.optional("owner")).put("description", form.optional("description"))
                .put("expectedEvery", form.optional("expectedEvery"));
    }

    private Definition.MeasurePage measures() {
        return api.get(Service.DRIVERS, "/measures?includeArchived=true&size=100", Definition.MeasurePage.class);
    }

    private Definition.DriverPage drivers() {
        return api.get(Service.DRIVERS, "/drivers?size=100", Definition.DriverPage.class);
    }

    private Definition.Measure measure(String key) {
        return api.get(Service.DRIVERS, "/measures/" + Slugs.check(key), Definition.Measure.class);
    }

    private static FormState filled(Definition.Measure measure) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", measure.name());
        values.put("unit", measure.unit());
        values.put("currency", measure.currency());
        values.put("aggregation", measure.aggregation());
        values.put("owner", measure.owner());
        values.put("description", measure.description());
        values.put("expectedEvery", measure.expectedEvery());
        values.put("revision", measure.revision());
        return FormState.filled(values);
    }
}
