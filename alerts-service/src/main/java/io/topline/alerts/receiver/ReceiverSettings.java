package io.topline.alerts.receiver;

import java.util.List;

/** How one subscription is notified: its receiver kind, its e-mail recipients, and its template (defaults filled in). */
public record ReceiverSettings(ReceiverKind kind, List<String> recipients, MessageTemplate template) {

    /** A Standard Webhooks receiver with the default template, as every subscription was before receivers. */
    public static ReceiverSettings webhook() {
        return new ReceiverSettings(ReceiverKind.WEBHOOK, List.of(), DefaultTemplates.of(ReceiverKind.WEBHOOK));
    }
}
