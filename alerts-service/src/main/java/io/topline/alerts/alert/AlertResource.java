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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import java.time.Duration;
import java.util.Map;

/** Alerts: the filtered list, one alert with its history, acknowledge, resolve, and the live stream. */
@Path("/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

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
    public Page<AlertResponse> list(@QueryParam("state") String state, @QueryParam("kind") String kind,
                                    @QueryParam("driver") String driver, @QueryParam("function") String function,
                                    @QueryParam("measure") String measure, @QueryParam("severity") String severity,
                                    @QueryParam("period") String period,
                                    @BeanParam PageParams page) {
        return queries.search(filter(state, kind, driver, function, measure, severity, period), paging.request(page));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN, Roles.ONCALL})
    public AlertResponse get(@PathParam("id") String id) {
        return AlertResponse.of(alerts.get(Params.uuid(id, "Alert")));
    }

    @POST
    @Path("/{id}/acknowledge")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ONCALL)
    public AlertResponse acknowledge(@PathParam("id") String id, @Valid @NotNull AcknowledgeAlertRequest request) {
        return AlertResponse.of(alerts.acknowledge(Params.uuid(id, "Alert"), person(), request.comment()));
    }

    @POST
    @Path("/{id}/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ONCALL)
    public AlertResponse resolve(@PathParam("id") String id, @Valid @NotNull ResolveAlertRequest request) {
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
    @SuppressWarnings("java:S107")
    public Multi<OutboundSseEvent> stream(@QueryParam("state") String state, @QueryParam("kind") String kind,
                                          @QueryParam("driver") String driver, @QueryParam("function") String function,
                                          @QueryParam("measure") String measure,
                                          @QueryParam("severity") String severity,
                                          @QueryParam("period") String period,
                                          @HeaderParam("Last-Event-ID") String lastEventId, @Context Sse sse) {
        AlertFilter filter = filter(state, kind, driver, function, measure, severity, period);
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

    private static AlertFilter filter(String state, String kind, String driver, String function, String measure,
                                      String severity, String period) {
        return new AlertFilter(Params.enumOf(AlertState.class, state, "state"),
                Params.enumOf(AlertKind.class, kind, "kind"), blankToNull(driver), blankToNull(function),
                blankToNull(measure), Params.enumOf(Severity.class, severity, "severity"), blankToNull(period));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
