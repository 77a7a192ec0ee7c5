package io.topline.metrics.actual;

import io.topline.chassis.page.Page;
import io.topline.chassis.page.PageParams;
import io.topline.chassis.page.Paging;
import io.topline.chassis.security.Roles;
import jakarta.ws.rs.BeanParam;
import io.topline.chassis.openapi.ProblemTypes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.validation.constraints.NotBlank;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The period series of a measure, for dashboards. */
@Path("/actuals")
@Tag(name = "Actuals", description = "Each measure's aggregation over its periods")
@Produces(MediaType.APPLICATION_JSON)
public class ActualResource {

    private final ActualService service;
    private final Paging paging;

    public ActualResource(ActualService service, Paging paging) {
        this.service = service;
        this.paging = paging;
    }

    /** Actuals of {@code measure} from {@code from} to {@code to} (periods or instants, both included), one page of them. */
    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @Operation(operationId = "listActuals", summary = "Read a measure's actuals", description = "The actuals of a "
            + "measure from from to to, both included, oldest first, one page of them; a period without data has no "
            + "actual. Each bound is a period label of the measure's cadence or an ISO-8601 instant with an offset, "
            + "which stands for the period of the measure's cadence it falls in.")
    @APIResponse(responseCode = "200", description = "One page of actuals")
    @APIResponse(responseCode = "400", description = "`" + ProblemTypes.VALIDATION + "`: measure is missing, or "
            + "page or size is not an integer in its range (violations names it).")
    @APIResponse(responseCode = "404", description = "`" + ProblemTypes.NOT_FOUND + "`: no measure has this key.")
    @APIResponse(responseCode = "422", description = "`" + ProblemTypes.UNPROCESSABLE + "`: from or to is neither "
            + "an ISO-8601 instant with an offset nor a period of the measure's cadence.")
    public Page<ActualResponse> series(@Parameter(description = "The measure's key", required = true,
                                               example = "closing-ratio") @QueryParam("measure") @NotBlank String measure,
                                       @Parameter(description = "The first period: a period label of the measure's "
                                               + "cadence (2026-W48, 2026-11, 2026-Q4) or an ISO-8601 instant with an "
                                               + "offset (2026-07-15T00:00:00Z), which means the period it falls in; "
                                               + "from the first when absent", example = "2026-07")
                                       @QueryParam("from") String from,
                                       @Parameter(description = "The last period, included: a period label of the "
                                               + "measure's cadence or an ISO-8601 instant with an offset, which means "
                                               + "the period it falls in; up to the latest when absent",
                                               example = "2026-11-20T09:00:00+01:00") @QueryParam("to") String to,
                                       @BeanParam PageParams page) {
        return service.series(measure, from, to, paging.request(page));
    }
}
