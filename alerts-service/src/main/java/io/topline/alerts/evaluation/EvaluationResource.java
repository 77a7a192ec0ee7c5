package io.topline.alerts.evaluation;

import io.topline.alerts.web.Page;
import io.topline.alerts.web.Roles;
import io.topline.chassis.openapi.ProblemTypes;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Evaluations, newest period first, optionally of one measure and one period. */
@Path("/evaluations")
@Tag(name = "Evaluations", description = "Each measure's period judged against the target version in effect")
@Produces(MediaType.APPLICATION_JSON)
public class EvaluationResource {

    private final EvaluationRepository evaluations;

    public EvaluationResource(EvaluationRepository evaluations) {
        this.evaluations = evaluations;
    }

    @GET
    @Transactional
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN, Roles.ONCALL})
    @Operation(operationId = "listEvaluations", summary = "List evaluations", description = "Evaluations newest "
            + "period first, then by measure; filter by measure and period. page is zero-based.")
    @APIResponse(responseCode = "200", description = "One page of evaluations")
    @APIResponse(responseCode = "400", description = "`" + ProblemTypes.VALIDATION + "`: page or size is out of its "
            + "range (violations names it).")
    @APIResponse(responseCode = "404", description = "`" + ProblemTypes.NOT_FOUND + "`: page or size is not an "
            + "integer (a query parameter that cannot be read is answered as if nothing were there).")
    public Page<EvaluationResponse> list(@Parameter(description = "Only evaluations of the measure with this key",
                                                 example = "closing-ratio") @QueryParam("measure") String measure,
                                         @Parameter(description = "Only evaluations of this period (2026-W48, "
                                                 + "2026-11, 2026-Q4)", example = "2026-11")
                                         @QueryParam("period") String period,
                                         @Parameter(description = "The zero-based page number", example = "0")
                                         @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                         @Parameter(description = "Evaluations per page, from 1 to 500", example = "50")
                                         @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return Page.of(evaluations.search(blankToNull(measure), blankToNull(period)), page, size)
                .map(EvaluationResponse::of);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
