package io.topline.alerts.evaluation;

import io.topline.chassis.page.Page;
import io.topline.chassis.page.PageParams;
import io.topline.chassis.page.Paging;
import io.topline.chassis.page.PanachePages;
import io.topline.chassis.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BeanParam;
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
    private final Paging paging;

    public EvaluationResource(EvaluationRepository evaluations, Paging paging) {
        this.evaluations = evaluations;
        this.paging = paging;
    }

    @GET
    @Transactional
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN, Roles.ONCALL})
    public Page<EvaluationResponse> list(@QueryParam("measure") String measure, @QueryParam("period") String period,
                                         @BeanParam PageParams page) {
        return PanachePages.of(evaluations.search(blankToNull(measure), blankToNull(period)), paging.request(page))
                .map(EvaluationResponse::of);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
