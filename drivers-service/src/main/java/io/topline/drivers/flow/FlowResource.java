package io.topline.drivers.flow;

import io.topline.chassis.security.Roles;
import io.topline.chassis.problem.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The revenue flow over HTTP. */
@Path("/drivers/flow")
@Tag(name = "Drivers")
@Produces(MediaType.APPLICATION_JSON)
public class FlowResource {

    private final FlowService service;

    public FlowResource(FlowService service) {
        this.service = service;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @Operation(summary = "Read the revenue flow", description = "Active drivers in flow order (every driver before "
            + "the drivers it feeds; ties by function, then key), their edges and their active measures. 409 naming "
            + "the cycle if the stored flow ever had one.", operationId = "getFlow")
    @APIResponse(responseCode = "200", description = "The revenue flow")
    @APIResponse(responseCode = "409", description = "`" + Problem.TYPE_BASE + "flow-cycle`: the stored flow has a "
            + "cycle (the detail names it), which the API never lets a change create.")
    public FlowResponse flow() {
        return service.flow();
    }
}
