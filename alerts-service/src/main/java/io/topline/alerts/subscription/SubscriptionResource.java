package io.topline.alerts.subscription;

import io.quarkus.security.identity.SecurityIdentity;
import io.topline.alerts.delivery.DeliveryResponse;
import io.topline.alerts.delivery.DeliveryService;
import io.topline.chassis.page.Page;
import io.topline.chassis.page.PageParams;
import io.topline.chassis.page.Paging;
import io.topline.alerts.web.Params;
import io.topline.chassis.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.UUID;

/** Webhook subscriptions, their delivery logs, replays and re-enabling; admin only: they decide where alert data goes. */
@Path("/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class SubscriptionResource {

    private final SubscriptionService subscriptions;
    private final DeliveryService deliveries;
    private final SecurityIdentity identity;
    private final Paging paging;

    public SubscriptionResource(SubscriptionService subscriptions, DeliveryService deliveries,
                                SecurityIdentity identity, Paging paging) {
        this.subscriptions = subscriptions;
        this.paging = paging;
        this.deliveries = deliveries;
        this.identity = identity;
    }

    /** Creates a subscription; the response carries its {@code whsec_} secret, which is never shown again. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Valid @NotNull CreateSubscriptionRequest request) {
        SubscriptionService.Created created = subscriptions.create(request, identity.getPrincipal().getName());
        return Response.created(URI.create("/subscriptions/" + created.subscription().id()))
                .entity(SubscriptionResponse.of(created.subscription(), created.secret())).build();
    }

    @GET
    public Page<SubscriptionResponse> list(@BeanParam PageParams page) {
        return subscriptions.list(paging.request(page)).map(s -> SubscriptionResponse.of(s, null));
    }

    @GET
    @Path("/{id}")
    public SubscriptionResponse get(@PathParam("id") String id) {
        return SubscriptionResponse.of(subscriptions.get(Params.uuid(id, "Subscription")), null);
    }

    /** Disables the subscription; its delivery log stays readable. */
    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        subscriptions.disable(Params.uuid(id, "Subscription"), identity.getPrincipal().getName());
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/deliveries")
    public Page<DeliveryResponse> deliveries(@PathParam("id") String id,
                                             @BeanParam PageParams page) {
        UUID subscriptionId = subscriptions.get(Params.uuid(id, "Subscription")).id();
        return deliveries.ofSubscription(subscriptionId, paging.request(page));
    }

    /** Enables a disabled subscription: new messages are delivered again. */
    @POST
    @Path("/{id}/enable")
    public SubscriptionResponse enable(@PathParam("id") String id) {
        return SubscriptionResponse.of(subscriptions.enable(Params.uuid(id, "Subscription"),
                identity.getPrincipal().getName()), null);
    }

    /** Sends one delivery's message again, as a new delivery with the same {@code webhook-id}. */
    @POST
    @Path("/{id}/deliveries/{deliveryId}/replay")
    public Response replay(@PathParam("id") String id, @PathParam("deliveryId") String deliveryId) {
        DeliveryResponse replay = deliveries.replay(Params.uuid(id, "Subscription"),
                Params.uuid(deliveryId, "Delivery"));
        return Response.accepted(replay).build();
    }

    /** Sends every message scheduled for the subscription since an instant again, each with its {@code webhook-id}. */
    @POST
    @Path("/{id}/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response replaySince(@PathParam("id") String id, @Valid @NotNull ReplayRequest request) {
        return Response.accepted(deliveries.replaySince(Params.uuid(id, "Subscription"), request.since())).build();
    }
}
