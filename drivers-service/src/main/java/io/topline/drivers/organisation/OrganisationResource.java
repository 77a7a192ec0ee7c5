package io.topline.drivers.organisation;

import io.quarkus.security.identity.SecurityIdentity;
import io.topline.chassis.openapi.ProblemTypes;
import io.topline.chassis.problem.Problem;
import io.topline.chassis.security.Roles;
import io.topline.drivers.web.YamlBodyWriter;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Definitions as code: an organisation file (YAML or JSON, contracts/organisation/organisation.schema.json) is
 * validated, planned against the stored definitions, applied in one transaction, and the definitions are exported as
 * such a file.
 */
@Path("/organisation")
@Tag(name = "Organisation", description = "Definitions as code: validate, plan, apply and export an organisation file")
public class OrganisationResource {

    private static final String UNREADABLE = "`" + ProblemTypes.VALIDATION + "`: the file is not YAML or JSON, or "
            + "breaks the schema; violations lists every error with its path and, in the file, its line and column.";
    private static final String REFUSED = "`" + ProblemTypes.UNPROCESSABLE + "`: the file breaks rules against the "
            + "stored definitions (keys listed twice or archived, unknown drivers, a cycle, the focus rule, periods of "
            + "another cadence, levels on the wrong side, fields that never change); violations lists every one with "
            + "its line and column, and nothing was applied.";
    private static final String PRUNE = "Also archive the active drivers and measures the file leaves out, and (for "
            + "each alerting section the file holds) disable the receivers and escalation policies, end the silences "
            + "and delete the contacts it leaves out.";
    private static final String UNAVAILABLE = "`" + Problem.TYPE_BASE + "alerting-unavailable`: the file has "
            + "alerting sections and alerts-service could not be reached or failed; nothing was applied by this request "
            + "(Retry-After).";
    private static final String FORBIDDEN = "The alerting sections need the topline-admin role (alerts-service "
            + "refused the caller's token).";

    private final OrganisationReader reader;
    private final OrganisationService service;
    private final SecurityIdentity identity;

    public OrganisationResource(OrganisationReader reader, OrganisationService service, SecurityIdentity identity) {
        this.reader = reader;
        this.service = service;
        this.identity = identity;
    }

    @POST
    @Path("validate")
    @Consumes({MediaType.APPLICATION_JSON, OrganisationReader.APPLICATION_YAML})
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @Operation(operationId = "validateOrganisation", summary = "Validate an organisation file", description = "Checks "
            + "the file against its schema and against the stored definitions exactly as apply would, and changes "
            + "nothing.")
    @APIResponse(responseCode = "200", description = "The file is valid; what it holds")
    @APIResponse(responseCode = "400", description = UNREADABLE)
    @APIResponse(responseCode = "422", description = REFUSED)
    public ValidationResponse validate(@RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrganisationDefinition.class)),
            @Content(mediaType = OrganisationReader.APPLICATION_YAML, schema = @Schema(implementation = OrganisationDefinition.class))})
                                       String body,
                                       @Parameter(description = PRUNE, example = "true") @QueryParam("prune") boolean prune,
                                       @Context HttpHeaders headers) {
        return service.validate(reader.read(body, headers.getMediaType()), prune);
    }

    @POST
    @Path("plan")
    @Consumes({MediaType.APPLICATION_JSON, OrganisationReader.APPLICATION_YAML})
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @Operation(operationId = "planOrganisation", summary = "Plan an organisation file", description = "The difference "
            + "between the file and the stored definitions: what apply would create, change (which fields, which "
            + "target versions) and, with prune, archive. Changes nothing. The alerting sections are planned by "
            + "alerts-service, with the caller's token, in the same answer; each new target version of a stored "
            + "measure carries a backtest over the measure's last 13 ended periods (or why there is none).")
    @APIResponse(responseCode = "200", description = "The plan; an empty changes list means apply would do nothing")
    @APIResponse(responseCode = "400", description = UNREADABLE)
    @APIResponse(responseCode = "403", description = FORBIDDEN)
    @APIResponse(responseCode = "422", description = REFUSED)
    @APIResponse(responseCode = "503", description = UNAVAILABLE)
    public PlanResponse plan(@RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrganisationDefinition.class)),
            @Content(mediaType = OrganisationReader.APPLICATION_YAML, schema = @Schema(implementation = OrganisationDefinition.class))})
                             String body,
                             @Parameter(description = PRUNE, example = "true") @QueryParam("prune") boolean prune,
                             @Context HttpHeaders headers) {
        return service.plan(reader.read(body, headers.getMediaType()), prune);
    }

    @POST
    @Path("apply")
    @Consumes({MediaType.APPLICATION_JSON, OrganisationReader.APPLICATION_YAML})
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "applyOrganisation", summary = "Apply an organisation file", description = "Makes the "
            + "stored definitions match the file in one transaction: all or nothing, and idempotent (applying the same "
            + "file again changes and publishes nothing). A target version is added only when no stored version says "
            + "the same. Every change publishes its definition event. The alerting sections are applied by "
            + "alerts-service last, inside this service's transaction: a refusal or failure of either applies "
            + "nothing here.")
    @APIResponse(responseCode = "200", description = "What the apply did, in the plan's shape with applied true")
    @APIResponse(responseCode = "400", description = UNREADABLE)
    @APIResponse(responseCode = "403", description = FORBIDDEN)
    @APIResponse(responseCode = "503", description = UNAVAILABLE)
    @APIResponse(responseCode = "412", description = "`" + ProblemTypes.PRECONDITION_FAILED + "`: If-Match is not "
            + "the ETag of the definitions as they stand: they changed since the plan; plan again.")
    @APIResponse(responseCode = "422", description = REFUSED)
    @APIResponse(responseCode = "428", description = "`" + ProblemTypes.PRECONDITION_REQUIRED + "`: prune needs "
            + "If-Match with the plan's basedOn, so that it archives only what the plan showed.")
    public PlanResponse apply(@RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrganisationDefinition.class)),
            @Content(mediaType = OrganisationReader.APPLICATION_YAML, schema = @Schema(implementation = OrganisationDefinition.class))})
                              String body,
                              @Parameter(description = PRUNE, example = "true") @QueryParam("prune") boolean prune,
                              @Parameter(description = "A plan's basedOn (or an export's ETag), such as "
                                      + "\"org-3f2a9c0d1e4b5a67.alr-9b1c2d3e4f5a6b7c\" (the alerts part when the file has alerting "
                                      + "sections): required with prune, checked whenever given.",
                                      example = "\"org-3f2a9c0d1e4b5a67\"")
                              @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                              @Context HttpHeaders headers) {
        return service.apply(reader.read(body, headers.getMediaType()), prune, ifMatch);
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, YamlBodyWriter.MEDIA_TYPE})
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @Operation(operationId = "exportOrganisation", summary = "Export the organisation file", description = "The active "
            + "drivers and measures with every target version, as an organisation file (YAML when asked for "
            + "`application/yaml`), headed by the suite's calendar (read-only: a file never changes it). Applying it "
            + "to the same suite plans no change. For an admin it holds alerts-service's sections too (receivers with "
            + "their ${VARIABLE} references, never secret values; silences; escalation policies; contacts), and the "
            + "ETag names both parts.")
    @APIResponse(responseCode = "503", description = UNAVAILABLE)
    @APIResponse(responseCode = "200", description = "The organisation file", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrganisationDefinition.class)),
            @Content(mediaType = YamlBodyWriter.MEDIA_TYPE, schema = @Schema(implementation = OrganisationDefinition.class))},
            headers = @Header(name = HttpHeaders.ETAG,
            description = "The definitions' ETag: send it as If-Match to apply a file with prune",
            schema = @Schema(type = SchemaType.STRING)))
    public Response export() {
        OrganisationService.Exported exported = service.export(identity.hasRole(Roles.ADMIN));
        return Response.ok(exported.definition()).tag(exported.etag()).build();
    }
}
