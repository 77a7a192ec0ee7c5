package io.topline.drivers.driver;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.topline.chassis.page.Page;
import io.topline.chassis.page.PageParams;
import io.topline.chassis.page.Paging;
import io.topline.chassis.openapi.ProblemTypes;
import io.topline.chassis.problem.Problem;
import io.topline.drivers.web.MergePatches;
import io.topline.drivers.web.Revisions;
import io.topline.chassis.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The drivers of revenue over HTTP. */
@Path("/drivers")
@Tag(name = "Drivers", description = "The drivers of revenue and how they feed each other")
@Produces(MediaType.APPLICATION_JSON)
public class DriverResource {

    private static final String KEY_PARAMETER = "The driver's key";
    private static final String IF_MATCH_PARAMETER = "The ETag of the driver as last read, such as \"3\" (a weak "
            + "W/\"3\", several, or * also do)";
    private static final String ETAG_HEADER = "The driver's revision: send it as If-Match to change the driver";
    private static final String INVALID_BODY = "`" + ProblemTypes.VALIDATION + "`: a field breaks its rule "
            + "(violations lists each), or there is no body.";
    private static final String NOT_FOUND = "`" + ProblemTypes.NOT_FOUND + "`: no driver has this key.";
    private static final String PRECONDITION_REQUIRED = "`" + ProblemTypes.PRECONDITION_REQUIRED + "`: the request "
            + "has no If-Match; read the driver and send its ETag.";
    private static final String PRECONDITION_FAILED = "`" + ProblemTypes.PRECONDITION_FAILED + "`: If-Match names a "
            + "revision that is no longer current: someone changed the driver since; read it again and retry.";
    private static final String ARCHIVED = "`" + Problem.TYPE_BASE + "archived`: the driver is archived and cannot "
            + "change.";
    private static final String READ_ONLY_CHANGED = "`" + ProblemTypes.UNPROCESSABLE + "` too when the body "
            + "changes a read-only field (violations names it).";
    private static final String INVALID_PATCH = "`" + ProblemTypes.VALIDATION + "`: the body is not a JSON object, "
            + "or the merged driver breaks a field's rule (violations lists each). `" + ProblemTypes.MALFORMED_JSON
            + "`: the body is not JSON. `" + ProblemTypes.UNKNOWN_FIELD + "`, `" + ProblemTypes.MALFORMED_FIELD
            + "`: the patch names a field a driver does not have, or gives one the wrong type.";
    private static final String INVALID_EDGES = "`" + ProblemTypes.UNPROCESSABLE + "`: feedsInto lists a driver "
            + "twice, or names a driver that does not exist or (newly) one that is archived.";

    private final DriverService service;
    private final Paging paging;

    public DriverResource(DriverService service, Paging paging) {
        this.service = service;
        this.paging = paging;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "createDriver", summary = "Create a driver", description = "Creates an active driver "
            + "that feeds the drivers feedsInto names (existing, active ones); the flow must stay acyclic. Keys are "
            + "never reused, not even those of archived drivers.")
    @APIResponse(responseCode = "201", description = "Created; Location is its address",
            content = @Content(schema = @Schema(implementation = DriverResponse.class)),
            headers = {@Header(name = HttpHeaders.LOCATION, description = "The new driver's address",
                    schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = HttpHeaders.ETAG, description = ETAG_HEADER,
                            schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", description = INVALID_BODY)
    @APIResponse(responseCode = "409", description = "`" + Problem.TYPE_BASE + "duplicate-key`: a driver with this "
            + "key exists or existed. `" + Problem.TYPE_BASE + "flow-cycle`: feedsInto names the driver itself.")
    @APIResponse(responseCode = "422", description = INVALID_EDGES)
    public Response create(@Valid @NotNull CreateDriverRequest body, @Context UriInfo uri) {
        Driver driver = service.create(body);
        return Response.created(uri.getBaseUriBuilder().path("drivers").path(driver.key()).build())
                .tag(Revisions.etag(driver.revision()))
                .entity(DriverMapper.toResponse(driver))
                .build();
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @Operation(operationId = "listDrivers", summary = "List drivers", description = "Active drivers by key; filter "
            + "by function and owner; includeArchived=true adds archived ones. page is zero-based.")
    @APIResponse(responseCode = "200", description = "One page of drivers")
    @APIResponse(responseCode = "400", description = "`" + ProblemTypes.VALIDATION + "`: function is not one of the "
            + "driver functions, or page or size is not an integer in its range (violations names it).")
    public Page<DriverResponse> list(
            @Parameter(description = "Only drivers of this function (case does not matter)", example = "SALES",
                    schema = @Schema(implementation = DriverFunction.class)) @QueryParam("function") String function,
            @Parameter(description = "Only drivers of this owner, exactly as stored", example = "sam@example.com")
            @QueryParam("owner") String owner,
            @Parameter(description = "Whether archived drivers are listed too", example = "false")
            @QueryParam("includeArchived") boolean includeArchived,
            @BeanParam PageParams page) {
        return service.list(function, owner, includeArchived, paging.request(page))
                .map(DriverMapper::toResponse);
    }

    @GET
    @Path("{key}")
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @Operation(operationId = "getDriver", summary = "Read a driver", description = "The driver, archived or not. The "
            + "ETag is the driver's revision; send it as If-Match to update.")
    @APIResponse(responseCode = "200", description = "The driver",
            content = @Content(schema = @Schema(implementation = DriverResponse.class)),
            headers = @Header(name = HttpHeaders.ETAG, description = ETAG_HEADER,
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    public Response get(@Parameter(description = KEY_PARAMETER, example = "marketing") @PathParam("key") String key) {
        return withEtag(service.get(key));
    }

    @PUT
    @Path("{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "updateDriver", summary = "Update a driver", description = "Replaces the driver's "
            + "state. Accepts the body GET returns: the read-only fields (key, archived, revision, createdAt, "
            + "updatedAt) may be left out or sent back unchanged, and a changed one is refused with 422 naming it. "
            + "Needs If-Match with the ETag read before: 428 without it, 412 when stale. A state equal to the current "
            + "one changes nothing and keeps the revision.")
    @APIResponse(responseCode = "200", description = "The driver as it is now",
            content = @Content(schema = @Schema(implementation = DriverResponse.class)),
            headers = @Header(name = HttpHeaders.ETAG, description = ETAG_HEADER,
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = INVALID_BODY)
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = "`" + Problem.TYPE_BASE + "flow-cycle`: feedsInto names the "
            + "driver itself or would close a cycle in the revenue flow (the detail names it). " + ARCHIVED)
    @APIResponse(responseCode = "412", description = PRECONDITION_FAILED)
    @APIResponse(responseCode = "422", description = INVALID_EDGES + " " + READ_ONLY_CHANGED)
    @APIResponse(responseCode = "428", description = PRECONDITION_REQUIRED)
    public Response update(@Parameter(description = KEY_PARAMETER, example = "marketing") @PathParam("key") String key,
                           @Parameter(description = IF_MATCH_PARAMETER, required = true, example = "\"3\"")
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @Valid @NotNull UpdateDriverRequest body) {
        return withEtag(service.update(key, body, ifMatch));
    }

    @PATCH
    @Path("{key}")
    @Consumes(MergePatches.MEDIA_TYPE)
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "patchDriver", summary = "Change some fields of a driver", description = "A JSON Merge "
            + "Patch (RFC 7396, application/merge-patch+json): the fields it names replace the driver's, null removes "
            + "an optional one (description, feedsInto), and the others stay. The merged driver is checked as the body "
            + "of a PUT would be, read-only fields included. Needs If-Match: 428 without it, 412 when stale.")
    @RequestBody(description = "The fields to change, as in the driver GET returns", required = true,
            content = @Content(mediaType = MergePatches.MEDIA_TYPE,
                    schema = @Schema(type = SchemaType.OBJECT, description = "Any of the fields of UpdateDriverRequest; "
                            + "null removes an optional one"),
                    example = "{\"owner\":\"kim@example.com\",\"description\":null}"))
    @APIResponse(responseCode = "200", description = "The driver as it is now",
            content = @Content(schema = @Schema(implementation = DriverResponse.class)),
            headers = @Header(name = HttpHeaders.ETAG, description = ETAG_HEADER,
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = INVALID_PATCH)
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = "`" + Problem.TYPE_BASE + "flow-cycle`: feedsInto names the "
            + "driver itself or would close a cycle in the revenue flow (the detail names it). " + ARCHIVED)
    @APIResponse(responseCode = "412", description = PRECONDITION_FAILED)
    @APIResponse(responseCode = "422", description = INVALID_EDGES + " " + READ_ONLY_CHANGED)
    @APIResponse(responseCode = "428", description = PRECONDITION_REQUIRED)
    public Response patch(@Parameter(description = KEY_PARAMETER, example = "marketing") @PathParam("key") String key,
                          @Parameter(description = IF_MATCH_PARAMETER, required = true, example = "\"3\"")
                          @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                          String mergePatch) throws JsonProcessingException {
        return withEtag(service.patch(key, mergePatch, ifMatch));
    }

    @POST
    @Path("{key}/archive")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "archiveDriver", summary = "Archive a driver", description = "Its history stays; it "
            + "leaves the default lists, takes no new measures, and its active measures are archived with it. Needs "
            + "If-Match.")
    @APIResponse(responseCode = "200", description = "The driver, archived",
            content = @Content(schema = @Schema(implementation = DriverResponse.class)),
            headers = @Header(name = HttpHeaders.ETAG, description = ETAG_HEADER,
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = "`" + Problem.TYPE_BASE + "archived`: the driver is archived "
            + "already.")
    @APIResponse(responseCode = "412", description = PRECONDITION_FAILED)
    @APIResponse(responseCode = "428", description = PRECONDITION_REQUIRED)
    public Response archive(@Parameter(description = KEY_PARAMETER, example = "marketing") @PathParam("key") String key,
                            @Parameter(description = IF_MATCH_PARAMETER, required = true, example = "\"3\"")
                            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return withEtag(service.archive(key, ifMatch));
    }

    private static Response withEtag(Driver driver) {
        return Response.ok(DriverMapper.toResponse(driver)).tag(Revisions.etag(driver.revision())).build();
    }
}
