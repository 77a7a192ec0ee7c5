package io.topline.alerts.silence;

import io.quarkus.security.identity.SecurityIdentity;
import io.topline.alerts.web.Params;
import io.topline.chassis.openapi.ProblemTypes;
import io.topline.chassis.page.Page;
import io.topline.chassis.page.PageParams;
import io.topline.chassis.page.Paging;
import io.topline.chassis.problem.Problem;
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

import java.net.URI;

/** Silences and maintenance windows: created and expired by admins and on-call, read by viewers too. */
@Path("/silences")
@Tag(name = "Silences", description = "Mute the notifications of matching alerts for a while or in recurring "
        + "maintenance windows; muted alerts are still evaluated, recorded and published")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.ONCALL})
public class SilenceResource {

    private static final String ID = "The silence's id";
    private static final String ID_EXAMPLE = "0b6f2c7e-93a4-4e1d-8f5a-2d7c9e41b3a6";
    private static final String NOT_FOUND = "`" + ProblemTypes.NOT_FOUND + "`: no silence has this id (or it is not "
            + "a UUID).";

    private final SilenceService silences;
    private final SecurityIdentity identity;
    private final Paging paging;

    public SilenceResource(SilenceService silences, SecurityIdentity identity, Paging paging) {
        this.silences = silences;
        this.identity = identity;
        this.paging = paging;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createSilence", summary = "Create a silence", description = "Mutes the notifications "
            + "of the alerts every matcher picks (labels driver, function, measure, kind, severity, period; EQUALS, "
            + "NOT_EQUALS, or MATCHES and NOT_MATCHES with a full-match Java regular expression) from startsAt (now "
            + "when omitted) until endsAt, until every alert it muted resolved (untilResolved), or inside a recurring "
            + "schedule. Times are ISO-8601 instants with an offset or local date-times in the organisation time "
            + "zone. createdBy is the caller. The response counts the open alerts the matchers pick and warns when "
            + "there are none; the silence is created anyway.")
    @APIResponse(responseCode = "201", description = "Created; Location is its address",
            content = @Content(schema = @Schema(implementation = SilenceResponse.class)),
            headers = @Header(name = HttpHeaders.LOCATION, description = "The new silence's address",
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "`" + ProblemTypes.VALIDATION + "`: a field breaks its rule or "
            + "a time is not ISO-8601 (violations lists each), or there is no body.")
    @APIResponse(responseCode = "422", description = "`" + ProblemTypes.UNPROCESSABLE + "`: an unknown label, an "
            + "invalid or too slow regular expression, an unknown time zone, an end not after the start or not in "
            + "the future, neither or both of endsAt and untilResolved (violations names the field).")
    public Response create(@Valid @NotNull CreateSilenceRequest request) {
        SilenceResponse created = silences.create(request, identity.getPrincipal().getName());
        return Response.created(URI.create("/silences/" + created.id())).entity(created).build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.ONCALL, Roles.VIEWER})
    @Operation(operationId = "listSilences", summary = "List silences", description = "Silences newest first, all "
            + "or those in one state: PENDING (not started), ACTIVE (in force; a schedule mutes only inside its "
            + "window) or EXPIRED. page is zero-based.")
    @APIResponse(responseCode = "200", description = "One page of silences")
    @APIResponse(responseCode = "400", description = "`" + ProblemTypes.VALIDATION + "`: state is not PENDING, "
            + "ACTIVE or EXPIRED, or page or size is not an integer in its range (violations names it).")
    public Page<SilenceResponse> list(@Parameter(description = "Only silences in this state", example = "ACTIVE",
                                              schema = @Schema(implementation = SilenceState.class))
                                      @QueryParam("state") String state,
                                      @BeanParam PageParams page) {
        return silences.list(Params.enumOf(SilenceState.class, state, "state"), paging.request(page));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.ONCALL, Roles.VIEWER})
    @Operation(operationId = "getSilence", summary = "Read a silence", description = "One silence with its state.")
    @APIResponse(responseCode = "200", description = "The silence")
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    public SilenceResponse get(@Parameter(description = ID, example = ID_EXAMPLE) @PathParam("id") String id) {
        return silences.get(Params.uuid(id, "Silence"));
    }

    @POST
    @Path("/{id}/expire")
    @Operation(operationId = "expireSilence", summary = "Expire a silence", description = "Ends a pending or active "
            + "silence now; the firing alerts it alone muted are notified at once.")
    @APIResponse(responseCode = "200", description = "The expired silence")
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = "`" + Problem.TYPE_BASE + "silence-expired`: the silence has "
            + "already ended.")
    public SilenceResponse expire(@Parameter(description = ID, example = ID_EXAMPLE) @PathParam("id") String id) {
        return silences.expire(Params.uuid(id, "Silence"), identity.getPrincipal().getName());
    }
}
