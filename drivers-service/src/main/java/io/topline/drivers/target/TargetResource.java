package io.topline.drivers.target;

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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The effective-dated target schedule of a measure over HTTP. */
@Path("/measures/{key}/targets")
@Tag(name = "Targets", description = "What success and failure look like, period by period")
@Produces(MediaType.APPLICATION_JSON)
public class TargetResource {

    private final TargetService service;

    public TargetResource(TargetService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Add a target version", description = "Effective from a period of the measure's cadence "
            + "(2026-W48, 2026-11, 2026-Q4) until a later one; a correction is a new version from the same period. "
            + "If-Match is optional; a stale one is 412.")
    public Response add(@PathParam("key") String key, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
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
            + "?period=2026-11 (or current): the one version in effect for that period, 404 when none is.")
    public Response schedule(@PathParam("key") String key, @QueryParam("period") String period) {
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
    @Operation(summary = "Read one target version")
    public TargetResponse version(@PathParam("key") String key, @PathParam("version") int version) {
        TargetService.Added found = service.version(key, version);
        return MeasureMapper.toResponse(found.measure(), found.target());
    }
}
