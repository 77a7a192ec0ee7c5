package io.topline.alerts.evaluation;

import io.topline.chassis.page.Page;
import io.topline.chassis.page.PageParams;
import io.topline.chassis.page.Paging;
import io.topline.chassis.page.PanachePages;
import io.topline.chassis.security.Roles;
import io.topline.chassis.openapi.ProblemTypes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BeanParam;
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
    private final Paging paging;

    public EvaluationResource(EvaluationRepository evaluations, Paging paging) {
        this.evaluations = evaluations;
        this.paging = paging;
    }

    @GET
    @Transactional
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN, Roles.ONCALL})
    @Operation(operationId = "listEvaluations", summary = "List evaluations", description = "Evaluations newest "
            + "period first, then by measure; filter by measure and period. page is zero-based.")
    @APIResponse(responseCode = "200", description = "One page of evaluations")
    @APIResponse(responseCode = "400", description = "`" + ProblemTypes.VALIDATION + "`: page or size is not an integer "
            + "in its range (violations names it).")
    public Page<EvaluationResponse> list(@Parameter(description = "Only evaluations of the measure with this key",
                                                 example = "closing-ratio") @QueryParam("measure") String measure,
                                         @Parameter(description = "Only evaluations of this period (2026-W48, "
                                                 + "2026-11, 2026-Q4)", example = "2026-11")
                                         @QueryParam("period") String period,
                                         @BeanParam PageParams page) {
        return PanachePages.of(evaluations.search(blankToNull(measure), blankToNull(period)), paging.request(page))
                .map(EvaluationResponse::of);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
