package io.topline.console.measure;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.topline.console.api.ApiClient;
import io.topline.console.api.Query;
import io.topline.console.api.Service;
import io.topline.console.inbox.Alert;
import io.topline.console.scorecard.Evaluation;
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

import java.math.BigDecimal;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A measure's page: its actuals against the success and failure bands, its evaluations and its alerts; an admin sets
 * a new target version from it.
 */
@Path("/console/measures")
public class MeasureResource {

    /** How many periods the chart and the tables show. */
    static final int PERIODS = 26;
    /** Measure keys are slugs (docs/api.md); anything else never reaches an API path. */
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");

    private final ApiClient api;

    public MeasureResource(ApiClient api) {
        this.api = api;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance measure(Measure measure, MeasureChart chart, Evaluation.Page evaluations,
                                               Alert.Page alerts, String done);
    }

    /** A new target version (admin), from the measure page's form; the API validates every field. */
    @POST
    @Path("/{key}/targets")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response target(@PathParam("key") String key, @FormParam("effectiveFrom") String effectiveFrom,
                           @FormParam("successLevel") String successLevel,
                           @FormParam("failureLevel") String failureLevel, @FormParam("severity") String severity,
                           @FormParam("note") String note) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("effectiveFrom", effectiveFrom);
        body.put("successLevel", number(successLevel));
        body.put("failureLevel", number(failureLevel));
        body.put("severity", severity);
        body.put("note", note == null || note.isBlank() ? null : note);
        api.post(Service.DRIVERS, "/measures/" + slug(key) + "/targets", body);
        return Response.seeOther(URI.create("/console/measures/" + key + "?done=target")).build();
    }

    @GET
    @Path("/{key}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance measure(@PathParam("key") String key, @QueryParam("done") String done) {
        slug(key);
        Measure measure = api.get(Service.DRIVERS, "/measures/" + key, Measure.class);
        Actual.Page actuals = api.get(Service.METRICS, Query.path("/actuals").param("measure", key)
                .param("size", 500).toString(), Actual.Page.class);
        Evaluation.Page evaluations = api.get(Service.ALERTS, Query.path("/evaluations").param("measure", key)
                .param("size", PERIODS).toString(), Evaluation.Page.class);
        Alert.Page alerts = api.get(Service.ALERTS, Query.path("/alerts").param("measure", key).param("size", 20)
                .toString(), Alert.Page.class);
        return Templates.measure(measure, MeasureChart.of(measure, actuals.items(), evaluations.items(), PERIODS),
                evaluations, alerts, done);
    }

    private static String slug(String key) {
        if (!SLUG.matcher(key).matches()) {
            throw new NotFoundException();
        }
        return key;
    }

    /** A level as a JSON number when it reads as one; anything else goes as typed, for the API to refuse by name. */
    private static Object number(String level) {
        try {
            return new BigDecimal(level.trim());
        } catch (NumberFormatException | NullPointerException e) {
            return level;
        }
    }
}
