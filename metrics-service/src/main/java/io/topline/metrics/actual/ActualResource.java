package io.topline.metrics.actual;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.validation.constraints.NotBlank;

import java.util.List;

/** The period series of a measure, for dashboards. */
@Path("/actuals")
@Produces(MediaType.APPLICATION_JSON)
public class ActualResource {

    private final ActualService service;

    public ActualResource(ActualService service) {
        this.service = service;
    }

    /** Actuals of {@code measure} from period {@code from} to period {@code to} (inclusive, the measure's cadence). */
    @GET
    @RolesAllowed({"topline-viewer", "topline-admin"})
    public List<ActualResponse> series(@QueryParam("measure") @NotBlank String measure, @QueryParam("from") String from,
                                       @QueryParam("to") String to) {
        return service.series(measure, from, to);
    }
}
