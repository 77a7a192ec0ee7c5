package io.topline.alerts.evaluation;

import io.topline.chassis.page.Page;
import io.topline.chassis.page.PageParams;
import io.topline.chassis.page.Paging;
import io.topline.chassis.page.PanachePages;
import io.topline.chassis.security.Roles;
import io.topline.chassis.openapi.ProblemTypes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

/** Evaluations, newest period first, optionally of one measure and one period; and backtests of proposed levels. */
@Path("/evaluations")
@Tag(name = "Evaluations", description = "Each measure's period judged against the target version in effect")
@Produces(MediaType.APPLICATION_JSON)
public class EvaluationResource {

    private final EvaluationRepository evaluations;
    private final BacktestService backtests;
    private final Paging paging;

    public EvaluationResource(EvaluationRepository evaluations, BacktestService backtests, Paging paging) {
        this.evaluations = evaluations;
        this.backtests = backtests;
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

    @POST
    @Path("/backtest")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @Operation(operationId = "backtestTarget", summary = "Backtest proposed target levels", description = "Judges "
            + "the measure's last `periods` ended periods of its cadence (13 when omitted, at most 104; the open "
            + "period is not judged) with the proposed successLevel and failureLevel and the measure's direction, as "
            + "the closing job judges a period: its final actual (a SUM or COUNT measure's whole-period total, never "
            + "a projection), NO_DATA without one. Each period, oldest first, also carries currentStatus, the status "
            + "of the evaluation the suite holds for it (null when none). met, amber (AT_RISK), missed and noData "
            + "count the statuses; summary says it in words, such as \"would have missed 7 of the last 13 weeks (met "
            + "5, at risk 1)\". Nothing is saved.")
    @APIResponse(responseCode = "200", description = "How the proposed levels would have judged each period",
            content = @Content(schema = @Schema(implementation = BacktestResponse.class)))
    @APIResponse(responseCode = "400", description = "`" + ProblemTypes.VALIDATION + "`: a field breaks its rule "
            + "(a level beyond ±10^15, periods outside 1 to 104; violations lists each), or there is no body.")
    @APIResponse(responseCode = "404", description = "`" + ProblemTypes.NOT_FOUND + "`: no measure has this key.")
    @APIResponse(responseCode = "422", description = "`" + ProblemTypes.UNPROCESSABLE + "`: failureLevel is on the "
            + "wrong side of successLevel for the measure's direction (violations names it).")
    public BacktestResponse backtest(@Valid @NotNull BacktestRequest request) {
        return backtests.backtest(request);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
