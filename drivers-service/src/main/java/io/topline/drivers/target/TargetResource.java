package io.topline.drivers.target;

import io.topline.chassis.openapi.ProblemTypes;
import io.topline.chassis.problem.Problem;
import io.topline.drivers.measure.Measure;
import io.topline.drivers.measure.MeasureMapper;
import io.topline.drivers.web.Revisions;
import io.topline.chassis.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The effective-dated target schedule of a measure over HTTP. */
@Path("/measures/{key}/targets")
@Tag(name = "Targets", description = "What success and failure look like, period by period")
@Produces(MediaType.APPLICATION_JSON)
public class TargetResource {

    private static final String KEY_PARAMETER = "The measure's key";
    private static final String ETAG_HEADER = "The measure's revision (a target version is part of the measure)";
    private static final String NO_MEASURE = "`" + ProblemTypes.NOT_FOUND + "`: no measure has this key.";

    private final TargetService service;

    public TargetResource(TargetService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Add a target version", description = "Effective from a period of the measure's cadence "
            + "(2026-W48, 2026-11, 2026-Q4) until a later one; a correction is a new version from the same period. "
            + "If-Match is optional; a stale one is 412.", operationId = "addTarget")
    @APIResponse(responseCode = "201", description = "Created: the new version; Location is its address",
            content = @Content(schema = @Schema(implementation = TargetResponse.class)),
            headers = {@Header(name = HttpHeaders.LOCATION, description = "The new version's address",
                    schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = HttpHeaders.ETAG, description = ETAG_HEADER,
                            schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", description = "`" + ProblemTypes.VALIDATION + "`: a field breaks its rule "
            + "(violations lists each), or there is no body.")
    @APIResponse(responseCode = "404", description = NO_MEASURE)
    @APIResponse(responseCode = "409", description = "`" + Problem.TYPE_BASE + "archived`: the measure is archived "
            + "and takes no new targets.")
    @APIResponse(responseCode = "412", description = "`" + ProblemTypes.PRECONDITION_FAILED + "`: If-Match names a "
            + "revision of the measure that is no longer current; read it again and retry.")
    @APIResponse(responseCode = "422", description = "`" + ProblemTypes.UNPROCESSABLE + "`: effectiveFrom is not a "
            + "period of the measure's cadence, or failureLevel is on the wrong side of successLevel for the measure's "
            + "direction.")
    public Response add(@Parameter(description = KEY_PARAMETER, example = "closing-ratio") @PathParam("key") String key,
                        @Parameter(description = "Optional: the measure's ETag as last read, such as \"3\"; refused "
                                + "when stale", example = "\"3\"") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                        @Valid @NotNull CreateTargetRequest body, @Context UriInfo uri) {
        TargetService.Added added = service.add(key, body, ifMatch);
        return Response.created(uri.getBaseUriBuilder().path("measures").path(key).path("targets")
                        .path(Integer.toString(added.target().version())).build())
                .tag(Revisions.etag(added.measure().revision()))
                .entity(MeasureMapper.toResponse(added.measure(), added.target()))
                .build();
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @Operation(summary = "Read the target schedule", description = "Without period: the whole schedule. With "
            + "?period=2026-11 (or current): the one version in effect for that period, 404 when none is.",
            operationId = "getTargetSchedule")
    @APIResponse(responseCode = "200", description = "Without period, the whole schedule "
            + "(TargetScheduleResponse); with period, the one version in effect (TargetResponse)",
            content = @Content(schema = @Schema(oneOf = {TargetScheduleResponse.class, TargetResponse.class})),
            headers = @Header(name = HttpHeaders.ETAG, description = ETAG_HEADER,
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = NO_MEASURE + " `" + Problem.TYPE_BASE + "no-target`: no "
            + "version is in effect for the period asked (the first starts later, or none is set).")
    @APIResponse(responseCode = "422", description = "`" + ProblemTypes.UNPROCESSABLE + "`: period is not a period "
            + "of the measure's cadence.")
    public Response schedule(@Parameter(description = KEY_PARAMETER, example = "closing-ratio")
                             @PathParam("key") String key,
                             @Parameter(description = "A period of the measure's cadence (2026-W48, 2026-11, 2026-Q4) "
                                     + "or current, for the period of today in the organisation's time zone",
                                     example = "2026-11") @QueryParam("period") String period) {
        if (period != null) {
            TargetService.Added inEffect = service.inEffect(key, period.trim());
            return Response.ok(MeasureMapper.toResponse(inEffect.measure(), inEffect.target()))
                    .tag(Revisions.etag(inEffect.measure().revision())).build();
        }
        Measure measure = service.schedule(key);
        TargetScheduleResponse body = new TargetScheduleResponse(measure.key(), measure.cadence(), measure.revision(),
                MeasureMapper.toResponse(measure).targets());
        return Response.ok(body).tag(Revisions.etag(measure.revision())).build();
    }

    @GET
    @Path("{version}")
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @Operation(operationId = "getTargetVersion", summary = "Read one target version", description = "One version of "
            + "the measure's schedule by its number, superseded or not.")
    @APIResponse(responseCode = "200", description = "The target version")
    @APIResponse(responseCode = "404", description = "`" + ProblemTypes.NOT_FOUND + "`: no measure has this key, it "
            + "has no version of this number, or the version is not an integer.")
    public TargetResponse version(@Parameter(description = KEY_PARAMETER, example = "closing-ratio")
                                  @PathParam("key") String key,
                                  @Parameter(description = "The version number, from 1", example = "1")
                                  @PathParam("version") int version) {
        TargetService.Added found = service.version(key, version);
        return MeasureMapper.toResponse(found.measure(), found.target());
    }
}
