package io.topline.alerts.subscription;

import io.quarkus.security.identity.SecurityIdentity;
import io.topline.alerts.delivery.DeliveryResponse;
import io.topline.alerts.delivery.DeliveryService;
import io.topline.alerts.digest.DigestService;
import io.topline.alerts.receiver.MessageTemplate;
import io.topline.alerts.receiver.PreviewRequest;
import io.topline.alerts.receiver.PreviewResponse;
import io.topline.alerts.receiver.ReceiverPreviews;
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
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.HttpHeaders;
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
import java.util.List;
import java.util.UUID;

/**
 * Subscriptions and their receivers, templates and previews, delivery logs, replays and re-enabling; admin only: they
 * decide where alert data goes.
 */
@Path("/subscriptions")
@Tag(name = "Subscriptions", description = "Subscribers (Standard Webhooks, Slack, Teams, PagerDuty, Alertmanager, "
        + "e-mail), their message templates, and what was delivered to them")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class SubscriptionResource {

    private static final String ID = "The subscription's id";
    private static final String ID_EXAMPLE = "5f1d3c9a-2b7e-4d61-8c0f-9a4e6b2d7c13";
    private static final String NOT_FOUND = "`" + ProblemTypes.NOT_FOUND + "`: no subscription has this id (or it "
            + "is not a UUID).";
    private static final String PAGE = "The zero-based page number";

    private final SubscriptionService subscriptions;
    private final DeliveryService deliveries;
    private final SecurityIdentity identity;
    private final Paging paging;
    private final ReceiverPreviews previews;
    private final DigestService digests;

    public SubscriptionResource(SubscriptionService subscriptions, DeliveryService deliveries,
                                SecurityIdentity identity, Paging paging, ReceiverPreviews previews,
                                DigestService digests) {
        this.digests = digests;
        this.subscriptions = subscriptions;
        this.previews = previews;
        this.paging = paging;
        this.deliveries = deliveries;
        this.identity = identity;
    }

    /** Creates a subscription; a webhook's response carries its {@code whsec_} secret, which is never shown again. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createSubscription", summary = "Create a subscription", description = "Subscribes a "
            + "receiver to the alert transitions its filters pick (empty filters pick all; minSeverity defaults to "
            + "INFO). receiver is WEBHOOK (the default: Standard Webhooks to url), SLACK (an incoming-webhook url), "
            + "TEAMS (a workflow-webhook url), PAGERDUTY (routingKey, and url only to use another Events API v2 "
            + "address), ALERTMANAGER (url is the Alertmanager's base URL) or EMAIL (recipients, no url). Every url is "
            + "checked against server-side request forgery. template changes the title and text of the messages "
            + "(Qute). A webhook's response carries the whsec_ secret that signs every delivery, shown this once.")
    @APIResponse(responseCode = "201", description = "Created (a webhook with its secret); Location is its address",
            content = @Content(schema = @Schema(implementation = SubscriptionResponse.class)),
            headers = @Header(name = HttpHeaders.LOCATION, description = "The new subscription's address",
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "`" + ProblemTypes.VALIDATION + "`: a field breaks its rule "
            + "or the receiver lacks a setting it needs (violations lists each), or there is no body.")
    @APIResponse(responseCode = "422", description = "`" + ProblemTypes.UNPROCESSABLE + "`: url is not an absolute "
            + "http or https URL with a host, carries credentials, or points at a private, loopback or link-local "
            + "address that configuration does not allow; a setting the receiver kind does not take; or a template "
            + "part that does not render (violations names template.title or template.text).")
    public Response create(@Valid @NotNull CreateSubscriptionRequest request) {
        SubscriptionService.Created created = subscriptions.create(request, identity.getPrincipal().getName());
        return Response.created(URI.create("/subscriptions/" + created.subscription().id()))
                .entity(SubscriptionResponse.of(created.subscription(), created.secret())).build();
    }

    @GET
    @Operation(operationId = "listSubscriptions", summary = "List subscriptions", description = "Every subscription, "
            + "disabled ones too, newest first, without secrets. page is zero-based.")
    @APIResponse(responseCode = "200", description = "One page of subscriptions")
    @APIResponse(responseCode = "400", description = "`" + ProblemTypes.VALIDATION + "`: page or size is not an integer "
            + "in its range (violations names it).")
    public Page<SubscriptionResponse> list(@BeanParam PageParams page) {
        return subscriptions.list(paging.request(page)).map(s -> SubscriptionResponse.of(s, null));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getSubscription", summary = "Read a subscription", description = "One subscription, "
            + "without its secret.")
    @APIResponse(responseCode = "200", description = "The subscription")
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    public SubscriptionResponse get(@Parameter(description = ID, example = ID_EXAMPLE) @PathParam("id") String id) {
        return SubscriptionResponse.of(subscriptions.get(Params.uuid(id, "Subscription")), null);
    }

    /** Disables the subscription; its delivery log stays readable. */
    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteSubscription", summary = "Disable a subscription", description = "Stops its "
            + "deliveries and cancels the pending ones; the subscription and its delivery log stay readable.")
    @APIResponse(responseCode = "204", description = "Disabled")
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    public Response delete(@Parameter(description = ID, example = ID_EXAMPLE) @PathParam("id") String id) {
        subscriptions.disable(Params.uuid(id, "Subscription"), identity.getPrincipal().getName());
        return Response.noContent().build();
    }

    /** Replaces the subscription's message template. */
    @PUT
    @Path("/{id}/template")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "changeSubscriptionTemplate", summary = "Change a subscription's template",
            description = "Replaces the title and text templates (Qute: {alert.measure.name}, {alert.summary}, "
                    + "{link}, {event}, {alert.actual ?: 'no data'}, {#if}...{/if}); a part left out goes back to the "
                    + "receiver kind's default. Each part is checked by rendering it for a sample alert.")
    @APIResponse(responseCode = "200", description = "The subscription with its new template")
    @APIResponse(responseCode = "400", description = "`" + ProblemTypes.VALIDATION + "`: a part is too long "
            + "(violations names it), or there is no body.")
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "422", description = "`" + ProblemTypes.UNPROCESSABLE + "`: a part does not parse "
            + "or render (violations names template.title or template.text, with the reason).")
    public SubscriptionResponse changeTemplate(@Parameter(description = ID, example = ID_EXAMPLE)
                                               @PathParam("id") String id,
                                               @Valid @NotNull MessageTemplate template) {
        return SubscriptionResponse.of(subscriptions.changeTemplate(Params.uuid(id, "Subscription"), template), null);
    }

    /** Renders the message the subscription's receiver would get, without sending it. */
    @POST
    @Path("/{id}/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "previewSubscriptionMessage", summary = "Preview a subscription's message",
            description = "Renders, without sending, what the receiver would get for an alert's latest transition "
                    + "(alertId) or for a sample firing (no alertId, or no body): the title, text and console link, "
                    + "and the exact request body or e-mail. template parts are tried in place of the saved ones.")
    @APIResponse(responseCode = "200", description = "The rendered message",
            content = @Content(schema = @Schema(implementation = PreviewResponse.class)))
    @APIResponse(responseCode = "400", description = "`" + ProblemTypes.VALIDATION + "`: alertId is not a UUID or a "
            + "template part is too long (violations names it).")
    @APIResponse(responseCode = "404", description = "`" + ProblemTypes.NOT_FOUND + "`: no subscription has this id "
            + "(or it is not a UUID), or no alert has alertId.")
    @APIResponse(responseCode = "422", description = "`" + ProblemTypes.UNPROCESSABLE + "`: a template part does not "
            + "parse or render for this alert (violations names template.title or template.text).")
    public PreviewResponse preview(@Parameter(description = ID, example = ID_EXAMPLE) @PathParam("id") String id,
                                   @Valid PreviewRequest request) {
        return previews.preview(Params.uuid(id, "Subscription"), request);
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(operationId = "listSubscriptionDeliveries", summary = "List a subscription's deliveries",
            description = "The delivery log: each message sent or to be sent to the subscriber, newest first, with "
                    + "every attempt made. page is zero-based.")
    @APIResponse(responseCode = "200", description = "One page of deliveries")
    @APIResponse(responseCode = "400", description = "`" + ProblemTypes.VALIDATION + "`: page or size is not an integer "
            + "in its range (violations names it).")
    @APIResponse(responseCode = "404", description = "`" + ProblemTypes.NOT_FOUND + "`: no subscription has this id "
            + "(or it is not a UUID).")
    public Page<DeliveryResponse> deliveries(@Parameter(description = ID, example = ID_EXAMPLE)
                                             @PathParam("id") String id,
                                             @BeanParam PageParams page) {
        UUID subscriptionId = subscriptions.get(Params.uuid(id, "Subscription")).id();
        return deliveries.ofSubscription(subscriptionId, paging.request(page));
    }

    /** Enables a disabled subscription: new messages are delivered again. */
    @POST
    @Path("/{id}/enable")
    @Operation(operationId = "enableSubscription", summary = "Enable a subscription", description = "Delivers new "
            + "messages to a subscription that was disabled (by DELETE or by a 410 answer) again; messages cancelled "
            + "meanwhile are not resent: replay them.")
    @APIResponse(responseCode = "200", description = "The enabled subscription")
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    public SubscriptionResponse enable(@Parameter(description = ID, example = ID_EXAMPLE) @PathParam("id") String id) {
        return SubscriptionResponse.of(subscriptions.enable(Params.uuid(id, "Subscription"),
                identity.getPrincipal().getName()), null);
    }

    /** Sends one delivery's message again, as a new delivery with the same {@code webhook-id}. */
    @POST
    @Path("/{id}/deliveries/{deliveryId}/replay")
    @Operation(operationId = "replayDelivery", summary = "Replay one delivery", description = "Sends the delivery's "
            + "message again as a new delivery with its own attempt log and the same webhook-id, so that the "
            + "receiver can drop it if it already has it.")
    @APIResponse(responseCode = "202", description = "The new delivery, scheduled at once")
    @APIResponse(responseCode = "404", description = "`" + ProblemTypes.NOT_FOUND + "`: no subscription or no "
            + "delivery of it has this id (or it is not a UUID).")
    @APIResponse(responseCode = "409", description = "`" + Problem.TYPE_BASE + "delivery-pending`: the message is "
            + "still waiting to be delivered; `" + Problem.TYPE_BASE + "subscription-disabled`: enable the "
            + "subscription first.")
    public Response replay(@Parameter(description = ID, example = ID_EXAMPLE) @PathParam("id") String id,
                           @Parameter(description = "The delivery's id", example = ID_EXAMPLE)
                           @PathParam("deliveryId") String deliveryId) {
        DeliveryResponse replay = deliveries.replay(Params.uuid(id, "Subscription"),
                Params.uuid(deliveryId, "Delivery"));
        return Response.accepted(replay).build();
    }

    /** Sends every message scheduled for the subscription since an instant again, each with its {@code webhook-id}. */
    @POST
    @Path("/{id}/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaySubscriptionSince", summary = "Replay every message since an instant",
            description = "Sends every message first scheduled for the subscription at or after since again, each "
                    + "as a new delivery with its webhook-id; messages still pending are skipped and counted.")
    @APIResponse(responseCode = "202", description = "How many messages were scheduled again and how many were "
            + "still pending")
    @APIResponse(responseCode = "400", description = "`" + ProblemTypes.VALIDATION + "`: since is missing or there "
            + "is no body (violations names it).")
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = "`" + Problem.TYPE_BASE + "subscription-disabled`: enable the "
            + "subscription first.")
    public Response replaySince(@Parameter(description = ID, example = ID_EXAMPLE) @PathParam("id") String id,
                                @Valid @NotNull ReplayRequest request) {
        return Response.accepted(deliveries.replaySince(Params.uuid(id, "Subscription"), request.since())).build();
    }

    /** Sends the subscription a digest now, whatever its schedule. */
    @POST
    @Path("/{id}/digest")
    @Operation(operationId = "sendSubscriptionDigest", summary = "Send a digest now", description = "Sends the "
            + "receiver the digest it would get on its schedule (red and amber measures with their likely causes, open "
            + "alerts, within its filters) at once, as one delivery; a receiver without a schedule may get one too.")
    @APIResponse(responseCode = "202", description = "The digest's delivery, scheduled at once")
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = "`" + Problem.TYPE_BASE + "receiver-without-digest`: PagerDuty "
            + "and Alertmanager take alerts only; `" + Problem.TYPE_BASE + "subscription-disabled`: enable the "
            + "subscription first.")
    public Response sendDigest(@Parameter(description = ID, example = ID_EXAMPLE) @PathParam("id") String id) {
        return Response.accepted(DeliveryResponse.of(digests.sendNow(Params.uuid(id, "Subscription")), List.of()))
                .build();
    }
}
