package io.topline.alerts.evaluation;

import io.topline.alerts.web.Page;
import io.topline.alerts.web.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Evaluations, newest period first, optionally of one measure and one period. */
@Path("/evaluations")
@Produces(MediaType.APPLICATION_JSON)
public class EvaluationResource {

    private final EvaluationRepository evaluations;

    public EvaluationResource(EvaluationRepository evaluations) {
        this.evaluations = evaluations;
    }

    @GET
    @Transactional
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN, Roles.ONCALL})
    public Page<EvaluationResponse> list(@QueryParam("measure") String measure, @QueryParam("period") String period,
                                         @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                         @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return Page.of(evaluations.search(blankToNull(measure), blankToNull(period)), page, size)
                .map(EvaluationResponse::of);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
