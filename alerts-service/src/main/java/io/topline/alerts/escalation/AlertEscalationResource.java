package io.topline.alerts.escalation;

import io.topline.alerts.web.Params;
import io.topline.chassis.openapi.ProblemTypes;
import io.topline.chassis.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An alert's escalation: what was taken and what would come, for the on-call leader looking at it. */
@Path("/alerts/{id}/escalation")
@Tag(name = "Escalation", description = "Who is told next, step by step, while a firing alert stays unacknowledged")
@Produces(MediaType.APPLICATION_JSON)
public class AlertEscalationResource {

    private final EscalationService escalations;

    public AlertEscalationResource(EscalationService escalations) {
        this.escalations = escalations;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ONCALL, Roles.ADMIN})
    @Operation(operationId = "getAlertEscalation", summary = "Read an alert's escalation", description = "For the "
            + "alert's latest firing, every active policy that covers it with each step's due time and, once taken, "
            + "when, the receivers it reached and the targets without a route. Steps not taken by the "
            + "acknowledgement are never taken for this firing.")
    @APIResponse(responseCode = "200", description = "The escalation",
            content = @Content(schema = @Schema(implementation = EscalationPlanResponse.class)))
    @APIResponse(responseCode = "404", description = "`" + ProblemTypes.NOT_FOUND + "`: no alert has this id.")
    public EscalationPlanResponse get(@Parameter(description = "The alert's id",
            example = "9d3c6a0e-2b1f-4f6e-9b8a-7c5d4e3f2a10") @PathParam("id") String id) {
        return escalations.plan(Params.uuid(id, "Alert"));
    }
}
