package io.topline.console.flow;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.topline.console.api.ApiClient;
import io.topline.console.api.Query;
import io.topline.console.api.Service;
import io.topline.console.scorecard.Scorecard;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The revenue flow drawn as a graph, each driver coloured by its roll-up status, with the chain behind a red one. */
@Path("/console/flow")
public class FlowResource {

    private final ApiClient api;

    public FlowResource(ApiClient api) {
        this.api = api;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance flow(FlowDiagram diagram, String cadence, Scorecard scorecard);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance flow(@QueryParam("cadence") @DefaultValue("WEEKLY") String cadence,
                                 @QueryParam("focus") String focus) {
        Flow flow = api.get(Service.DRIVERS, "/drivers/flow", Flow.class);
        Scorecard scorecard = api.get(Service.ALERTS, Query.path("/scorecard").param("cadence", cadence)
                .toString(), Scorecard.class);
        return Templates.flow(FlowDiagram.of(flow, scorecard.drivers(), focus), cadence, scorecard);
    }
}
