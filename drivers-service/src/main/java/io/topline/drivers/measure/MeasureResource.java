package io.topline.drivers.measure;

import io.topline.chassis.page.Page;
import io.topline.chassis.page.PageParams;
import io.topline.chassis.page.Paging;
import io.topline.drivers.web.Revisions;
import io.topline.chassis.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

/** The measures of the drivers over HTTP. */
@Path("/measures")
@Tag(name = "Measures", description = "The one or two measures of each driver")
@Produces(MediaType.APPLICATION_JSON)
public class MeasureResource {

    private final MeasureService service;
    private final Paging paging;

    public MeasureResource(MeasureService service, Paging paging) {
        this.service = service;
        this.paging = paging;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create a measure", description = "At most two active measures per driver by default (the focus rule).")
    public Response create(@Valid @NotNull CreateMeasureRequest body, @Context UriInfo uri) {
        Measure measure = service.create(body);
        return Response.created(uri.getBaseUriBuilder().path("measures").path(measure.key()).build())
                .tag(Revisions.etag(measure.revision()))
                .entity(MeasureMapper.toResponse(measure))
                .build();
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @Operation(summary = "List measures", description = "Active measures by key; filter by driver; page is zero-based.")
    public Page<MeasureResponse> list(@QueryParam("driver") String driver,
                                              @QueryParam("includeArchived") boolean includeArchived,
                                      @BeanParam PageParams page) {
        return service.list(driver, includeArchived, paging.request(page)).map(MeasureMapper::toResponse);
    }

    @GET
    @Path("{key}")
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @Operation(summary = "Read a measure with its target schedule")
    public Response get(@PathParam("key") String key) {
        return withEtag(service.get(key));
    }

    @PUT
    @Path("{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Update a measure", description = "Needs If-Match; key, driver, direction and cadence never change.")
    public Response update(@PathParam("key") String key, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @Valid @NotNull UpdateMeasureRequest body) {
        return withEtag(service.update(key, body, ifMatch));
    }

    @POST
    @Path("{key}/archive")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Archive a measure", description = "Its history and targets stay; it frees a place under the focus rule. Needs If-Match.")
    public Response archive(@PathParam("key") String key, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return withEtag(service.archive(key, ifMatch));
    }

    private static Response withEtag(Measure measure) {
        return Response.ok(MeasureMapper.toResponse(measure)).tag(Revisions.etag(measure.revision())).build();
    }
}
