package io.topline.alerts.alert;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.topline.alerts.stream.AlertStream;
import io.topline.alerts.stream.StreamEvent;
import io.topline.chassis.page.Page;
import io.topline.chassis.page.PageParams;
import io.topline.chassis.page.Paging;
import io.topline.alerts.web.Params;
import io.topline.chassis.security.Roles;
import io.topline.chassis.openapi.ProblemTypes;
import io.topline.chassis.problem.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.util.Map;

/** Alerts: the filtered list, one alert with its history, acknowledge, resolve, and the live stream. */
@Path("/alerts")
@Tag(name = "Alerts", description = "Missed targets, projected misses and silent sources, and their handling")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

    private static final String ID = "The alert's id";
    private static final String INVALID_FILTER = "`" + ProblemTypes.VALIDATION + "`: state, kind or severity is not "
            + "one of its values (violations names it)";
    private static final String NOT_FOUND = "`" + ProblemTypes.NOT_FOUND + "`: no alert has this id (or it is not a "
            + "UUID).";
    private static final String INVALID_COMMENT = "`" + ProblemTypes.VALIDATION + "`: the comment is longer than "
            + "2,000 characters, or there is no body.";

    private final AlertService alerts;
    private final AlertQueryService queries;
    private final AlertStream stream;
    private final SecurityIdentity identity;
    private final Paging paging;

    public AlertResource(AlertService alerts, AlertQueryService queries, AlertStream stream, SecurityIdentity identity,
                         Paging paging) {
        this.paging = paging;
        this.alerts = alerts;
        this.queries = queries;
        this.stream = stream;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN, Roles.ONCALL})
    @Operation(operationId = "listAlerts", summary = "List alerts", description = "Alerts matching every filter "
            + "given, each with its transition history, newest first. page is zero-based.")
    @APIResponse(responseCode = "200", description = "One page of alerts")
    @APIResponse(responseCode = "400", description = INVALID_FILTER + ", or page or size is not an integer in its range.")
    public Page<AlertResponse> list(@BeanParam AlertFilterParams filters,
                                    @BeanParam PageParams page) {
        return queries.search(filters.toFilter(), paging.request(page));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN, Roles.ONCALL})
    @Operation(operationId = "getAlert", summary = "Read an alert", description = "One alert with its whole "
            + "transition history.")
    @APIResponse(responseCode = "200", description = "The alert")
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    public AlertResponse get(@Parameter(description = ID, example = "0b8f6d0e-6a3c-4c8e-9a53-2f0c3f4b9e21")
                             @PathParam("id") String id) {
        return AlertResponse.of(alerts.get(Params.uuid(id, "Alert")));
    }

    @POST
    @Path("/{id}/acknowledge")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ONCALL)
    @Operation(operationId = "acknowledgeAlert", summary = "Acknowledge an alert", description = "A person on call "
            + "takes a FIRING alert on, optionally saying what they are doing; the transition is recorded with who "
            + "and when, and published.")
    @APIResponse(responseCode = "200", description = "The alert, acknowledged")
    @APIResponse(responseCode = "400", description = INVALID_COMMENT)
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = "`" + Problem.TYPE_BASE + "alert-state`: only a FIRING alert "
            + "can be acknowledged (the detail says which state it is in).")
    public AlertResponse acknowledge(@Parameter(description = ID, example = "0b8f6d0e-6a3c-4c8e-9a53-2f0c3f4b9e21")
                                     @PathParam("id") String id,
                                     @Valid @NotNull AcknowledgeAlertRequest request) {
        return AlertResponse.of(alerts.acknowledge(Params.uuid(id, "Alert"), person(), request.comment()));
    }

    @POST
    @Path("/{id}/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ONCALL)
    @Operation(operationId = "resolveAlert", summary = "Resolve an alert", description = "A person on call resolves "
            + "a FIRING or ACKNOWLEDGED alert, optionally saying why; it stays resolved even if its condition still "
            + "holds. The transition is recorded and published.")
    @APIResponse(responseCode = "200", description = "The alert, resolved")
    @APIResponse(responseCode = "400", description = INVALID_COMMENT)
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = "`" + Problem.TYPE_BASE + "alert-state`: the alert is already "
            + "RESOLVED.")
    public AlertResponse resolve(@Parameter(description = ID, example = "0b8f6d0e-6a3c-4c8e-9a53-2f0c3f4b9e21")
                                 @PathParam("id") String id,
                                 @Valid @NotNull ResolveAlertRequest request) {
        return AlertResponse.of(alerts.resolve(Params.uuid(id, "Alert"), person(), request.comment()));
    }

    /**
     * Server-sent events of alert transitions from now on, filtered like the list, each with its CloudEvent id as
     * {@code id}; a client reconnecting with {@code Last-Event-ID} is first sent what it missed (or a {@code reset}
     * event when that id is no longer kept), and a comment keeps idle streams open.
     */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN, Roles.ONCALL})
    @Operation(operationId = "streamAlerts", summary = "Stream alert transitions", description = "Server-sent events "
            + "of every alert transition published from now on, by any replica, that matches the filters (the same as "
            + "the list's). A client that reconnects with Last-Event-ID gets the matching events it missed first, from "
            + "a bounded window (topline.stream.window-size, window-age); an id no longer in the window gives an event "
            + "named reset first. A client that falls too far behind gets an event named dropped and the stream ends. "
            + "Each event has the CloudEvent's id as its id, its type (topline.alert.fired, topline.alert.acknowledged, "
            + "topline.alert.resolved) as its name, and the event's data (AlertEventData) as JSON data; a keep-alive "
            + "comment every 15 seconds keeps idle connections open.")
    @APIResponse(responseCode = "200", description = "The stream; it stays open until the client closes it",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = SchemaType.STRING,
                    description = "text/event-stream events; each data line is one AlertEventData in JSON")))
    @APIResponse(responseCode = "400", description = INVALID_FILTER + ".")
    public Multi<OutboundSseEvent> stream(@BeanParam AlertFilterParams filters,
                                          @Parameter(description = "The id of the last event the client received, to "
                                                  + "resume after it", example = "3f0e8b9c-1d2a-4c5b-9e7f-6a8b0c1d2e3f")
                                          @HeaderParam("Last-Event-ID") String lastEventId, @Context Sse sse) {
        AlertFilter filter = filters.toFilter();
        OutboundSseEvent end = sse.newEventBuilder().comment("end").build();
        Multi<OutboundSseEvent> events = stream.subscribe(lastEventId)
                .filter(e -> e.isSignal() || filter.matches(e.data()))
                .map(e -> sseEvent(sse, e))
                .onCompletion().continueWith(end);
        Multi<OutboundSseEvent> keepAlive = Multi.createFrom().ticks().every(Duration.ofSeconds(15))
                .map(tick -> sse.newEventBuilder().comment("keep-alive").build());
        // the response ends when the events end (a client dropped for falling behind), not only when the client leaves
        return Multi.createBy().merging().streams(events, keepAlive).select().first(event -> event != end);
    }

    private static OutboundSseEvent sseEvent(Sse sse, StreamEvent event) {
        OutboundSseEvent.Builder builder = sse.newEventBuilder().name(event.type())
                .mediaType(MediaType.APPLICATION_JSON_TYPE);
        if (event.isSignal()) {
            return builder.data(Map.class, event.signal()).build();
        }
        return builder.id(event.id()).data(AlertEventData.class, event.data()).build();
    }

    private String person() {
        return identity.getPrincipal().getName();
    }
}
