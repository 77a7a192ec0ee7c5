package io.topline.drivers.measure;

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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The measures of the drivers over HTTP. */
@Path("/measures")
@Tag(name = "Measures", description = "The one or two measures of each driver")
@Produces(MediaType.APPLICATION_JSON)
public class MeasureResource {

    private static final String KEY_PARAMETER = "The measure's key";
    private static final String IF_MATCH_PARAMETER = "The ETag of the measure as last read, such as \"3\" (a weak "
            + "W/\"3\", several, or * also do)";
    private static final String ETAG_HEADER = "The measure's revision: send it as If-Match to change the measure";
    private static final String INVALID_BODY = "`" + ProblemTypes.VALIDATION + "`: a field breaks its rule "
            + "(violations lists each), or there is no body.";
    private static final String NOT_FOUND = "`" + ProblemTypes.NOT_FOUND + "`: no measure has this key.";
    private static final String PRECONDITION_REQUIRED = "`" + ProblemTypes.PRECONDITION_REQUIRED + "`: the request "
            + "has no If-Match; read the measure and send its ETag.";
    private static final String PRECONDITION_FAILED = "`" + ProblemTypes.PRECONDITION_FAILED + "`: If-Match names a "
            + "revision that is no longer current: someone changed the measure since; read it again and retry.";
    private static final String ARCHIVED = "`" + Problem.TYPE_BASE + "archived`: the measure is archived and cannot "
            + "change.";
    private static final String READ_ONLY_CHANGED = "`" + ProblemTypes.UNPROCESSABLE + "` too when the body "
            + "changes a read-only field (violations names it).";
    private static final String INVALID_PATCH = "`" + ProblemTypes.VALIDATION + "`: the body is not a JSON object, "
            + "or the merged measure breaks a field's rule (violations lists each). `" + ProblemTypes.MALFORMED_JSON
            + "`: the body is not JSON. `" + ProblemTypes.UNKNOWN_FIELD + "`, `" + ProblemTypes.MALFORMED_FIELD
            + "`: the patch names a field a measure does not have, or gives one the wrong type.";
    private static final String INVALID_CURRENCY = "`" + ProblemTypes.UNPROCESSABLE + "`: a CURRENCY measure has no "
            + "ISO 4217 currency, another unit has one, or the code is not ISO 4217.";

    private final MeasureService service;
    private final Paging paging;

    public MeasureResource(MeasureService service, Paging paging) {
        this.service = service;
        this.paging = paging;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "createMeasure", summary = "Create a measure", description = "A new measure of an "
            + "active driver; owner defaults to the driver's. At most two active measures per driver by default (the "
            + "focus rule). Keys are unique across drivers and never reused.")
    @APIResponse(responseCode = "201", description = "Created; Location is its address",
            content = @Content(schema = @Schema(implementation = MeasureResponse.class)),
            headers = {@Header(name = HttpHeaders.LOCATION, description = "The new measure's address",
                    schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = HttpHeaders.ETAG, description = ETAG_HEADER,
                            schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", description = INVALID_BODY)
    @APIResponse(responseCode = "409", description = "`" + Problem.TYPE_BASE + "duplicate-key`: a measure with this "
            + "key exists or existed. `" + Problem.TYPE_BASE + "focus-rule`: the driver already has its most active "
            + "measures. `" + ProblemTypes.CONFLICT + "`: a concurrent request created the same key first.")
    @APIResponse(responseCode = "422", description = "`" + ProblemTypes.UNPROCESSABLE + "`: driverKey names no "
            + "driver or an archived one, or the currency does not fit the unit (a CURRENCY measure needs an ISO 4217 "
            + "code, no other unit has one).")
    public Response create(@Valid @NotNull CreateMeasureRequest body, @Context UriInfo uri) {
        Measure measure = service.create(body);
        return Response.created(uri.getBaseUriBuilder().path("measures").path(measure.key()).build())
                .tag(Revisions.etag(measure.revision()))
                .entity(MeasureMapper.toResponse(measure))
                .build();
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @Operation(operationId = "listMeasures", summary = "List measures", description = "Active measures by key, "
            + "each with its target schedule; filter by driver; includeArchived=true adds archived ones. page is "
            + "zero-based.")
    @APIResponse(responseCode = "200", description = "One page of measures")
    @APIResponse(responseCode = "400", description = "`" + ProblemTypes.VALIDATION + "`: page or size is not an "
            + "integer in its range (violations names it).")
    public Page<MeasureResponse> list(
            @Parameter(description = "Only the measures of the driver with this key", example = "sales")
            @QueryParam("driver") String driver,
            @Parameter(description = "Whether archived measures are listed too", example = "false")
            @QueryParam("includeArchived") boolean includeArchived,
            @BeanParam PageParams page) {
        return service.list(driver, includeArchived, paging.request(page)).map(MeasureMapper::toResponse);
    }

    @GET
    @Path("{key}")
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @Operation(operationId = "getMeasure", summary = "Read a measure with its target schedule", description = "The "
            + "measure, archived or not, with every target version. The ETag is its revision; send it as If-Match to "
            + "update.")
    @APIResponse(responseCode = "200", description = "The measure",
            content = @Content(schema = @Schema(implementation = MeasureResponse.class)),
            headers = @Header(name = HttpHeaders.ETAG, description = ETAG_HEADER,
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    public Response get(@Parameter(description = KEY_PARAMETER, example = "closing-ratio")
                        @PathParam("key") String key) {
        return withEtag(service.get(key));
    }

    @PUT
    @Path("{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "updateMeasure", summary = "Update a measure", description = "Replaces the changeable "
            + "fields. Accepts the body GET returns: the read-only fields (key, driverKey, direction, cadence, "
            + "archived, revision, targets, createdAt, updatedAt) may be left out or sent back unchanged, and a changed "
            + "one is refused with 422 naming it. Needs If-Match: 428 without it, 412 when stale. A state equal to the "
            + "current one changes nothing and keeps the revision.")
    @APIResponse(responseCode = "200", description = "The measure as it is now",
            content = @Content(schema = @Schema(implementation = MeasureResponse.class)),
            headers = @Header(name = HttpHeaders.ETAG, description = ETAG_HEADER,
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = INVALID_BODY)
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = ARCHIVED)
    @APIResponse(responseCode = "412", description = PRECONDITION_FAILED)
    @APIResponse(responseCode = "422", description = INVALID_CURRENCY + " " + READ_ONLY_CHANGED)
    @APIResponse(responseCode = "428", description = PRECONDITION_REQUIRED)
    public Response update(@Parameter(description = KEY_PARAMETER, example = "closing-ratio")
                           @PathParam("key") String key,
                           @Parameter(description = IF_MATCH_PARAMETER, required = true, example = "\"3\"")
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @Valid @NotNull UpdateMeasureRequest body) {
        return withEtag(service.update(key, body, ifMatch));
    }

    @PATCH
    @Path("{key}")
    @Consumes(MergePatches.MEDIA_TYPE)
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "patchMeasure", summary = "Change some fields of a measure", description = "A JSON "
            + "Merge Patch (RFC 7396, application/merge-patch+json): the fields it names replace the measure's, null "
            + "removes an optional one (currency, owner, description), and the others stay. The merged measure is "
            + "checked as the body of a PUT would be, read-only fields included. Needs If-Match: 428 without it, 412 "
            + "when stale.")
    @RequestBody(description = "The fields to change, as in the measure GET returns", required = true,
            content = @Content(mediaType = MergePatches.MEDIA_TYPE,
                    schema = @Schema(type = SchemaType.OBJECT, description = "Any of the fields of UpdateMeasureRequest; "
                            + "null removes an optional one"),
                    example = "{\"name\":\"Closing ratio (new business)\",\"description\":null}"))
    @APIResponse(responseCode = "200", description = "The measure as it is now",
            content = @Content(schema = @Schema(implementation = MeasureResponse.class)),
            headers = @Header(name = HttpHeaders.ETAG, description = ETAG_HEADER,
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = INVALID_PATCH)
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = ARCHIVED)
    @APIResponse(responseCode = "412", description = PRECONDITION_FAILED)
    @APIResponse(responseCode = "422", description = INVALID_CURRENCY + " " + READ_ONLY_CHANGED)
    @APIResponse(responseCode = "428", description = PRECONDITION_REQUIRED)
    public Response patch(@Parameter(description = KEY_PARAMETER, example = "closing-ratio")
                          @PathParam("key") String key,
                          @Parameter(description = IF_MATCH_PARAMETER, required = true, example = "\"3\"")
                          @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                          String mergePatch) throws JsonProcessingException {
        return withEtag(service.patch(key, mergePatch, ifMatch));
    }

    @POST
    @Path("{key}/archive")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "archiveMeasure", summary = "Archive a measure", description = "Its history and targets "
            + "stay; it frees a place under the focus rule. Needs If-Match: 428 without it, 412 when stale.")
    @APIResponse(responseCode = "200", description = "The measure, archived",
            content = @Content(schema = @Schema(implementation = MeasureResponse.class)),
            headers = @Header(name = HttpHeaders.ETAG, description = ETAG_HEADER,
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = "`" + Problem.TYPE_BASE + "archived`: the measure is archived "
            + "already.")
    @APIResponse(responseCode = "412", description = PRECONDITION_FAILED)
    @APIResponse(responseCode = "428", description = PRECONDITION_REQUIRED)
    public Response archive(@Parameter(description = KEY_PARAMETER, example = "closing-ratio")
                            @PathParam("key") String key,
                            @Parameter(description = IF_MATCH_PARAMETER, required = true, example = "\"3\"")
                            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return withEtag(service.archive(key, ifMatch));
    }

    private static Response withEtag(Measure measure) {
        return Response.ok(MeasureMapper.toResponse(measure)).tag(Revisions.etag(measure.revision())).build();
    }
}
