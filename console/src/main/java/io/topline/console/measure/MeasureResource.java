package io.topline.console.measure;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.topline.console.api.ApiClient;
import io.topline.console.api.Query;
import io.topline.console.api.Service;
import io.topline.console.inbox.Alert;
import io.topline.console.scorecard.Evaluation;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.regex.Pattern;

/** A measure's page: its actuals against the success and failure bands, its evaluations and its alerts. */
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
                                               Alert.Page alerts);
    }

    @GET
    @Path("/{key}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance measure(@PathParam("key") String key) {
        if (!SLUG.matcher(key).matches()) {
            throw new NotFoundException();
        }
        Measure measure = api.get(Service.DRIVERS, "/measures/" + key, Measure.class);
        Actual.Page actuals = api.get(Service.METRICS, Query.path("/actuals").param("measure", key)
                .param("size", 500).toString(), Actual.Page.class);
        Evaluation.Page evaluations = api.get(Service.ALERTS, Query.path("/evaluations").param("measure", key)
                .param("size", PERIODS).toString(), Evaluation.Page.class);
        Alert.Page alerts = api.get(Service.ALERTS, Query.path("/alerts").param("measure", key).param("size", 20)
                .toString(), Alert.Page.class);
        return Templates.measure(measure, MeasureChart.of(measure, actuals.items(), evaluations.items(), PERIODS),
                evaluations, alerts);
    }
}
