package io.topline.alerts.scorecard;

import io.topline.alerts.period.Cadence;
import io.topline.alerts.web.Params;
import io.topline.chassis.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The scorecard dashboards draw in one call. */
@Path("/scorecard")
@Produces(MediaType.APPLICATION_JSON)
public class ScorecardResource {

    private final ScorecardService scorecards;

    public ScorecardResource(ScorecardService scorecards) {
        this.scorecards = scorecards;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN, Roles.ONCALL})
    public ScorecardResponse scorecard(@QueryParam("cadence") @DefaultValue("WEEKLY") String cadence,
                                       @QueryParam("periods") @DefaultValue("13") @Min(1) @Max(104) int periods) {
        Cadence parsed = Params.enumOf(Cadence.class, cadence, "cadence");
        return scorecards.scorecard(parsed == null ? Cadence.WEEKLY : parsed, periods);
    }
}
