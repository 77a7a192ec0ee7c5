package io.topline.alerts.receiver;

import io.topline.alerts.alert.Alert;
import io.topline.alerts.alert.AlertEventData;
import io.topline.alerts.alert.AlertService;
import io.topline.alerts.alert.AlertTransition;
import io.topline.alerts.delivery.DeliveryService;
import io.topline.alerts.subscription.Subscription;
import io.topline.alerts.subscription.SubscriptionService;
import io.topline.chassis.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.UUID;

/** Renders what a subscription's receiver would get for a real or a sample alert, with its template or a trial one. */
@ApplicationScoped
public class ReceiverPreviews {

    private final SubscriptionService subscriptions;
    private final AlertService alerts;
    private final DeliveryService deliveries;
    private final ReceiverMessages messages;
    private final TemplateCheck check;

    public ReceiverPreviews(SubscriptionService subscriptions, AlertService alerts, DeliveryService deliveries,
                            ReceiverMessages messages, TemplateCheck check) {
        this.subscriptions = subscriptions;
        this.alerts = alerts;
        this.deliveries = deliveries;
        this.messages = messages;
        this.check = check;
    }

    /** The preview; a template part that fails is a 422 problem naming it. */
    @Transactional
    public PreviewResponse preview(UUID subscriptionId, PreviewRequest request) {
        Subscription subscription = subscriptions.get(subscriptionId);
        MessageTemplate saved = subscription.template();
        MessageTemplate trial = request == null || request.template() == null ? saved
                : new MessageTemplate(orElse(request.template().title(), saved.title()),
                orElse(request.template().text(), saved.text()));
        ReceiverSettings receiver = new ReceiverSettings(subscription.receiverKind(), subscription.recipients(), trial);
        String payload = request == null || request.alertId() == null ? check.samplePayload()
                : alertPayload(UUID.fromString(request.alertId()));
        ReceiverMessages.Preview preview = messages.preview(receiver, subscription.url(), payload);
        if (preview.error() != null) {
            throw ProblemException.unprocessable("template." + preview.failedPart(), preview.error());
        }
        AlertNotice notice = preview.notice();
        OutgoingMessage message = preview.message();
        return new PreviewResponse(receiver.kind(), notice.field("alertId"), notice.type(), notice.title(),
                notice.text(), notice.link(), message.url(), message.recipients().isEmpty() ? null
                : message.recipients(), message.subject(), preview.body());
    }

    /** The alert's latest transition as a delivery payload. */
    private String alertPayload(UUID alertId) {
        Alert alert = alerts.get(alertId);
        List<AlertTransition> transitions = alert.transitions();
        AlertTransition latest = transitions.get(transitions.size() - 1);
        return deliveries.payload(AlertEventData.typeOf(alert.state()), latest.at(), AlertEventData.of(alert, latest));
    }

    private static String orElse(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
