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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The escalation policies, for admins: list, create (the alerts covered and up to {@value #STEPS} steps, each a delay
 * after the firing and its targets) and disable (the API keeps a policy's history, so there is no delete).
 */
@Path("/console/admin/escalation-policies")
@Produces(MediaType.TEXT_HTML)
public class EscalationPoliciesResource {

    /** How many step rows the form offers; the API takes up to ten, a policy rarely needs more than three. */
    static final int STEPS = 3;

    private final ApiClient api;
    private final Session session;

    public EscalationPoliciesResource(ApiClient api, Session session) {
        this.api = api;
        this.session = session;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance policies(EscalationPolicy.Page policies, FormState form, List<Integer> steps,
                                                String done);
    }

    @GET
    public TemplateInstance list(@QueryParam("done") String done) {
        AdminOnly.require(session);
        return Templates.policies(policies(), FormState.empty(), stepNumbers(), done);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(MultivaluedMap<String, String> fields) {
        AdminOnly.require(session);
        FormState form = FormState.of(fields);
        try {
            api.post(Service.ALERTS, "/escalation-policies", new Body().put("name", form.optional("name"))
                    .put("drivers", form.list("drivers")).put("functions", form.options("functions"))
                    .put("measures", form.list("measures")).put("kinds", form.options("kinds"))
                    .put("minSeverity", form.optional("minSeverity")).put("steps", steps(form)).fields());
        } catch (ApiException refusal) {
            return Refusals.show(refusal, Templates.policies(policies(), form.refused(refusal), stepNumbers(), null));
        }
        return Response.seeOther(URI.create("/console/admin/escalation-policies?done=created")).build();
    }

    @POST
    @Path("/{id}/disable")
    public Response disable(@PathParam("id") String id) {
        AdminOnly.require(session);
        api.post(Service.ALERTS, "/escalation-policies/" + uuid(id) + "/disable", Map.of());
        return Response.seeOther(URI.create("/console/admin/escalation-policies?done=disabled")).build();
    }

    /** The step rows filled in, in order; a row with neither a delay nor targets is left out. */
    private static List<Map<String, Object>> steps(FormState form) {
        List<Map<String, Object>> steps = new ArrayList<>();
        for (int step : stepNumbers()) {
            String after = form.optional("after" + step);
            List<String> targets = form.list("targets" + step);
            if (after != null || targets != null) {
                steps.add(new Body().put("after", after).put("targets", targets).fields());
            }
        }
        return steps;
    }

    private static List<Integer> stepNumbers() {
        List<Integer> numbers = new ArrayList<>();
        for (int step = 1; step <= STEPS; step++) {
            numbers.add(step);
        }
        return numbers;
    }

    private EscalationPolicy.Page policies() {
        return api.get(Service.ALERTS, "/escalation-policies?size=100", EscalationPolicy.Page.class);
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException();
        }
    }
}
