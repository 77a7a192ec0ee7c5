package io.topline.alerts.escalation;

import io.quarkus.security.identity.SecurityIdentity;
import io.topline.alerts.web.Params;
import io.topline.chassis.openapi.ProblemTypes;
import io.topline.chassis.page.Page;
import io.topline.chassis.page.PageParams;
import io.topline.chassis.page.Paging;
import io.topline.chassis.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;

/** Escalation policies; admin only, since they decide who is woken up. */
@Path("/escalation-policies")
@Tag(name = "Escalation", description = "Who is told next, step by step, while a firing alert stays unacknowledged")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class EscalationPolicyResource {

    private static final String ID = "The escalation policy's id";
    private static final String ID_EXAMPLE = "7a2c1e9d-4b3f-4c8a-9e1d-2f3a4b5c6d70";
    private static final String NOT_FOUND = "`" + ProblemTypes.NOT_FOUND + "`: no escalation policy has this id (or "
            + "it is not a UUID).";

    private final EscalationService escalations;
    private final SecurityIdentity identity;
    private final Paging paging;

    public EscalationPolicyResource(EscalationService escalations, SecurityIdentity identity, Paging paging) {
        this.escalations = escalations;
        this.identity = identity;
        this.paging = paging;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createEscalationPolicy", summary = "Create an escalation policy", description = "For "
            + "the alerts its filters cover (as a subscription's; empty ones cover all), each step notifies its "
            + "targets once a firing has gone unacknowledged for the step's after: measure-owner and driver-owner "
            + "(the owner's contact routes), person:<email> (that person's routes) or subscription:<id>. An "
            + "acknowledgement stops it; a new firing starts it over. Steps are taken by a sweep every "
            + "topline.alerts.renotify-interval (30 s).")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = EscalationPolicyResponse.class)))
    @APIResponse(responseCode = "400", description = "`" + ProblemTypes.VALIDATION + "`: a field is malformed, such "
            + "as a target or an after that is not an ISO-8601 duration (violations names it).")
    @APIResponse(responseCode = "422", description = "`" + ProblemTypes.UNPROCESSABLE + "`: an after is beyond P30D "
            + "or before the step ahead of it, or a named subscription does not exist.")
    public Response create(@Valid @NotNull CreateEscalationPolicyRequest request) {
        EscalationPolicy policy = escalations.create(request, identity.getPrincipal().getName());
        return Response.created(URI.create("/escalation-policies/" + policy.id()))
                .entity(EscalationPolicyResponse.of(policy)).build();
    }

    @GET
    @Operation(operationId = "listEscalationPolicies", summary = "List escalation policies", description = "Every "
            + "policy, disabled ones too, newest first. page is zero-based.")
    @APIResponse(responseCode = "200", description = "One page of escalation policies")
    public Page<EscalationPolicyResponse> list(@BeanParam PageParams page) {
        return escalations.list(paging.request(page)).map(EscalationPolicyResponse::of);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getEscalationPolicy", summary = "Read an escalation policy", description = "One "
            + "policy with its steps.")
    @APIResponse(responseCode = "200", description = "The policy",
            content = @Content(schema = @Schema(implementation = EscalationPolicyResponse.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    public EscalationPolicyResponse get(@Parameter(description = ID, example = ID_EXAMPLE) @PathParam("id") String id) {
        return EscalationPolicyResponse.of(escalations.get(Params.uuid(id, "Escalation policy")));
    }

    @POST
    @Path("/{id}/disable")
    @Operation(operationId = "disableEscalationPolicy", summary = "Disable an escalation policy", description = "No "
            + "further step of it is taken for any alert; what it already sent stays in the delivery logs.")
    @APIResponse(responseCode = "200", description = "Disabled",
            content = @Content(schema = @Schema(implementation = EscalationPolicyResponse.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    public EscalationPolicyResponse disable(@Parameter(description = ID, example = ID_EXAMPLE)
                                            @PathParam("id") String id) {
        return EscalationPolicyResponse.of(escalations.disable(Params.uuid(id, "Escalation policy")));
    }
}
