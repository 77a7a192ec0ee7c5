package io.topline.drivers.driver;

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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The drivers of revenue over HTTP. */
@Path("/drivers")
@Tag(name = "Drivers", description = "The drivers of revenue and how they feed each other")
@Produces(MediaType.APPLICATION_JSON)
public class DriverResource {

    private final DriverService service;
    private final Paging paging;

    public DriverResource(DriverService service, Paging paging) {
        this.service = service;
        this.paging = paging;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create a driver")
    public Response create(@Valid @NotNull CreateDriverRequest body, @Context UriInfo uri) {
        Driver driver = service.create(body);
        return Response.created(uri.getBaseUriBuilder().path("drivers").path(driver.key()).build())
                .tag(Revisions.etag(driver.revision()))
                .entity(DriverMapper.toResponse(driver))
                .build();
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @Operation(summary = "List drivers", description = "Active drivers by key; filter by function and owner; "
            + "includeArchived=true adds archived ones. page is zero-based.")
    public Page<DriverResponse> list(@QueryParam("function") String function, @QueryParam("owner") String owner,
                                             @QueryParam("includeArchived") boolean includeArchived,
                                     @BeanParam PageParams page) {
        return service.list(function, owner, includeArchived, paging.request(page))
                .map(DriverMapper::toResponse);
    }

    @GET
    @Path("{key}")
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @Operation(summary = "Read a driver", description = "The ETag is the driver's revision; send it as If-Match to update.")
    public Response get(@PathParam("key") String key) {
        return withEtag(service.get(key));
    }

    @PUT
    @Path("{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Update a driver", description = "Needs If-Match with the ETag read before: 428 without it, 412 when stale.")
    public Response update(@PathParam("key") String key, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @Valid @NotNull UpdateDriverRequest body) {
        return withEtag(service.update(key, body, ifMatch));
    }

    @POST
    @Path("{key}/archive")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Archive a driver", description = "Its history stays; it leaves the default lists, takes no new "
            + "measures, and its active measures are archived with it. Needs If-Match.")
    public Response archive(@PathParam("key") String key, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return withEtag(service.archive(key, ifMatch));
    }

    private static Response withEtag(Driver driver) {
        return Response.ok(DriverMapper.toResponse(driver)).tag(Revisions.etag(driver.revision())).build();
    }
}
