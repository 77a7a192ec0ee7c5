package io.topline.console.scorecard;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.topline.console.api.ApiClient;
import io.topline.console.api.Query;
import io.topline.console.api.Service;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The scorecard page, its CSV export and the evaluation behind one cell. */
@Path("/console/scorecard")
public class ScorecardResource {

    private final ApiClient api;

    public ScorecardResource(ApiClient api) {
        this.api = api;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance scorecard(ScorecardView view);

        static native TemplateInstance evaluation(String measure, String period, Evaluation evaluation);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@QueryParam("cadence") @DefaultValue("WEEKLY") String cadence,
                                 @QueryParam("periods") @DefaultValue("13") int periods,
                                 @QueryParam("function") String function, @QueryParam("owner") String owner) {
        return Templates.scorecard(view(new ScorecardView.Filters(cadence, periods, function, owner)));
    }

    @GET
    @Path("/export.csv")
    @Produces("text/csv")
    public Response csv(@QueryParam("cadence") @DefaultValue("WEEKLY") String cadence,
                        @QueryParam("periods") @DefaultValue("13") int periods,
                        @QueryParam("function") String function, @QueryParam("owner") String owner) {
        ScorecardView view = view(new ScorecardView.Filters(cadence, periods, function, owner));
        String file = "scorecard-" + view.scorecard().cadence().toLowerCase() + "-" + view.scorecard().currentPeriod()
                + ".csv";
        return Response.ok(ScorecardCsv.of(view), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"").build();
    }

    @GET
    @Path("/evaluation")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance evaluation(@QueryParam("measure") String measure, @QueryParam("period") String period) {
        Evaluation.Page found = api.get(Service.ALERTS, Query.path("/evaluations").param("measure", measure)
                .param("period", period).param("size", 1).toString(), Evaluation.Page.class);
        return Templates.evaluation(measure, period, found.items().isEmpty() ? null : found.items().get(0));
    }

    private ScorecardView view(ScorecardView.Filters filters) {
        Scorecard scorecard = api.get(Service.ALERTS, Query.path("/scorecard").param("cadence", filters.cadence())
                .param("periods", filters.periods()).toString(), Scorecard.class);
        return ScorecardView.of(scorecard, filters);
    }
}
