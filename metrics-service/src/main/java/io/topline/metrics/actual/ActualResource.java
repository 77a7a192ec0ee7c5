package io.topline.metrics.actual;

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

    public ActualResource(ActualService service) {
        this.service = service;
    }

    /** Actuals of {@code measure} from period {@code from} to period {@code to} (inclusive, the measure's cadence). */
    @GET
    @RolesAllowed({"topline-viewer", "topline-admin"})
    @Operation(operationId = "listActuals", summary = "Read a measure's actuals", description = "The actuals of a "
            + "measure from period from to period to, both included and of the measure's cadence, oldest first; "
            + "a period without data has no actual.")
    @APIResponse(responseCode = "200", description = "The actuals")
    @APIResponse(responseCode = "400", description = "`" + ProblemTypes.VALIDATION + "`: measure is missing "
            + "(violations names it).")
    @APIResponse(responseCode = "404", description = "`" + ProblemTypes.NOT_FOUND + "`: no measure has this key.")
    @APIResponse(responseCode = "422", description = "`" + ProblemTypes.UNPROCESSABLE + "`: from or to is not a "
            + "period of the measure's cadence.")
    public List<ActualResponse> series(@Parameter(description = "The measure's key", required = true,
                                               example = "closing-ratio") @QueryParam("measure") @NotBlank String measure,
                                       @Parameter(description = "The first period (2026-W48, 2026-11, 2026-Q4); "
                                               + "from the first when absent", example = "2026-07")
                                       @QueryParam("from") String from,
                                       @Parameter(description = "The last period; up to the latest when absent",
                                               example = "2026-11") @QueryParam("to") String to) {
        return service.series(measure, from, to);
    }
}
