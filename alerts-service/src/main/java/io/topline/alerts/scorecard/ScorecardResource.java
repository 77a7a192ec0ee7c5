package io.topline.alerts.scorecard;

import io.topline.alerts.period.Cadence;
import io.topline.alerts.web.Params;
import io.topline.chassis.security.Roles;
import io.topline.chassis.openapi.ProblemTypes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The scorecard dashboards draw in one call. */
@Path("/scorecard")
@Tag(name = "Scorecard", description = "Every active measure over the trailing periods, red, amber or green")
@Produces(MediaType.APPLICATION_JSON)
public class ScorecardResource {

    private final ScorecardService scorecards;

    public ScorecardResource(ScorecardService scorecards) {
        this.scorecards = scorecards;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN, Roles.ONCALL})
    @Operation(operationId = "getScorecard", summary = "Read the scorecard", description = "The active measures of "
            + "one cadence in revenue-flow order, each with its status over the trailing periods up to the current "
            + "one: the shape a dashboard draws in one call.")
    @APIResponse(responseCode = "200", description = "The scorecard", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ScorecardResponse.class)))
    @APIResponse(responseCode = "400", description = "`" + ProblemTypes.VALIDATION + "`: cadence is not one of its "
            + "values, or periods is out of its range (violations names it).")
    @APIResponse(responseCode = "404", description = "`" + ProblemTypes.NOT_FOUND + "`: periods is not an integer (a "
            + "query parameter that cannot be read is answered as if nothing were there).")
    public byte[] scorecard(@Parameter(description = "The cadence of the measures shown", example = "WEEKLY",
                                       schema = @Schema(implementation = Cadence.class))
                            @QueryParam("cadence") @DefaultValue("WEEKLY") String cadence,
                            @Parameter(description = "How many periods, up to the current one, from 1 to "
                                       + "104", example = "13")
                            @QueryParam("periods") @DefaultValue("13") @Min(1) @Max(104) int periods) {
        Cadence parsed = Params.enumOf(Cadence.class, cadence, "cadence");
        return scorecards.scorecard(parsed == null ? Cadence.WEEKLY : parsed, periods);
    }
}
