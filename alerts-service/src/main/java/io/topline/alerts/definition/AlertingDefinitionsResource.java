package io.topline.alerts.definition;

import io.quarkus.security.identity.SecurityIdentity;
import io.topline.chassis.openapi.ProblemTypes;
import io.topline.chassis.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The alerting part of an organisation file (receivers, silences, escalation policies, contacts): planned, applied
 * and exported here, called by drivers-service's {@code /organisation} with the caller's token. Admin only, since
 * receivers hold webhook addresses.
 */
@Path("/alerting-definitions")
@Tag(name = "Alerting definitions", description = "The organisation file's receivers, silences, escalation policies "
        + "and contacts, as code")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class AlertingDefinitionsResource {

    private static final String INVALID = "`" + ProblemTypes.VALIDATION + "`: a field breaks its rule (violations "
            + "names each by its path in the file, such as receivers[0].url), or there is no body.";
    private static final String REFUSED = "`" + ProblemTypes.UNPROCESSABLE + "`: a definition cannot be applied: a "
            + "key listed twice, a ${VARIABLE} not given in secrets, a receiver setting its kind does not take, a URL "
            + "the SSRF guard refuses, a template that does not render, a route or step naming an unknown receiver, "
            + "a receiver whose kind changed; violations names each, and nothing was applied.";
    private static final String PRUNE = "Also archive what the sections the file holds leave out: disable receivers "
            + "and escalation policies, end silences, delete contacts. A section left out is never pruned.";

    private final AlertingDefinitionsService service;
    private final SecurityIdentity identity;

    public AlertingDefinitionsResource(AlertingDefinitionsService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @POST
    @Path("plan")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "planAlertingDefinitions", summary = "Plan the alerting sections", description = "The "
            + "difference between the sections and what alerts-service holds: what apply would create, change (which "
            + "fields; a secret is compared by its value and its reference, never shown) and, with prune, archive. "
            + "Changes nothing.")
    @APIResponse(responseCode = "200", description = "The plan; no changes means apply would do nothing",
            content = @Content(schema = @Schema(implementation = AlertingPlan.class)))
    @APIResponse(responseCode = "400", description = INVALID)
    @APIResponse(responseCode = "422", description = REFUSED)
    public AlertingPlan plan(@Valid @NotNull AlertingDefinitions file,
                             @Parameter(description = PRUNE, example = "true") @QueryParam("prune") boolean prune) {
        return service.plan(file, prune, identity.getPrincipal().getName());
    }

    @POST
    @Path("apply")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "applyAlertingDefinitions", summary = "Apply the alerting sections", description = "Makes "
            + "alerts-service match the sections in one transaction: all or nothing, and idempotent. A receiver is "
            + "redefined in place (its id, delivery log and webhook secret stay); a changed silence is ended and made "
            + "again under its key. A new webhook's signing secret is in its change, shown this once.")
    @APIResponse(responseCode = "200", description = "What the apply did, in the plan's shape with applied true",
            content = @Content(schema = @Schema(implementation = AlertingPlan.class)))
    @APIResponse(responseCode = "400", description = INVALID)
    @APIResponse(responseCode = "412", description = "`" + ProblemTypes.PRECONDITION_FAILED + "`: If-Match is not "
            + "the alerting definitions' ETag: they changed since the plan; plan again.")
    @APIResponse(responseCode = "422", description = REFUSED)
    @APIResponse(responseCode = "428", description = "`" + ProblemTypes.PRECONDITION_REQUIRED + "`: prune needs "
            + "If-Match with the plan's basedOn.")
    public AlertingPlan apply(@Valid @NotNull AlertingDefinitions file,
                              @Parameter(description = PRUNE, example = "true") @QueryParam("prune") boolean prune,
                              @Parameter(description = "A plan's basedOn, such as \"alr-3f2a9c0d1e4b5a67\": required "
                                      + "with prune, checked whenever given.", example = "\"alr-3f2a9c0d1e4b5a67\"")
                              @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return service.apply(file, prune, ifMatch, identity.getPrincipal().getName());
    }

    @GET
    @Operation(operationId = "exportAlertingDefinitions", summary = "Export the alerting sections", description = "The "
            + "active receivers (a secret as its ${VARIABLE} reference, a PagerDuty routing key set through the API as "
            + "${ROUTING_KEY_<KEY>}), the pending and active silences (an expired one is not exported), the active "
            + "escalation policies and the contacts. Applying them to the same suite plans no change.")
    @APIResponse(responseCode = "200", description = "The sections",
            content = @Content(schema = @Schema(implementation = AlertingDefinitions.class)),
            headers = @Header(name = HttpHeaders.ETAG, description = "The alerting definitions' ETag: If-Match for an "
                    + "apply with prune", schema = @Schema(type = SchemaType.STRING)))
    public Response export() {
        return Response.ok(service.export()).tag(service.stateTag()).build();
    }
}
