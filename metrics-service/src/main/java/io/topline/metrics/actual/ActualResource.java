package io.topline.metrics.actual;

import io.topline.chassis.page.Page;
import io.topline.chassis.page.PageParams;
import io.topline.chassis.page.Paging;
import io.topline.chassis.security.Roles;
import jakarta.ws.rs.BeanParam;
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
    private final Paging paging;

    public ActualResource(ActualService service, Paging paging) {
        this.service = service;
        this.paging = paging;
    }

    /** Actuals of {@code measure} from period {@code from} to period {@code to} (inclusive, the measure's cadence), one page of them. */
    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    public Page<ActualResponse> series(@QueryParam("measure") @NotBlank String measure, @QueryParam("from") String from,
                                       @QueryParam("to") String to, @BeanParam PageParams page) {
        return service.series(measure, from, to, paging.request(page));
    }
}
