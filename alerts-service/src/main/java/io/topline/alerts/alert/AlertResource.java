package io.topline.alerts.alert;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.topline.alerts.stream.AlertStream;
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

    /** Server-sent events of alert transitions from now on, filtered like the list; a comment keeps idle ones open. */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN, Roles.ONCALL})
    public Multi<OutboundSseEvent> stream(@QueryParam("state") String state, @QueryParam("kind") String kind,
                                          @QueryParam("driver") String driver, @QueryParam("function") String function,
                                          @QueryParam("measure") String measure,
                                          @QueryParam("severity") String severity,
                                          @QueryParam("period") String period, @Context Sse sse) {
        AlertFilter filter = filter(state, kind, driver, function, measure, severity, period);
        Multi<OutboundSseEvent> events = stream.transitions()
                .filter(t -> filter.matches(t.data()))
                .map(t -> sse.newEventBuilder().id(t.eventId()).name(t.type())
                        .mediaType(MediaType.APPLICATION_JSON_TYPE).data(AlertEventData.class, t.data()).build());
        Multi<OutboundSseEvent> keepAlive = Multi.createFrom().ticks().every(Duration.ofSeconds(15))
                .map(tick -> sse.newEventBuilder().comment("keep-alive").build());
        return Multi.createBy().merging().streams(events, keepAlive);
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
