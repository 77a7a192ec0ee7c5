package io.topline.alerts.receiver;

import jakarta.validation.constraints.Size;

/**
 * A receiver's template: the title and the text of its messages, in Qute syntax over {@code alert} (the alert event's
 * data as in webhooks), {@code type} (the event type), {@code event} (fired, acknowledged or resolved) and
 * {@code link} (the alert in the console). A missing part keeps the receiver kind's default.
 */
public record MessageTemplate(@Size(max = 500) String title, @Size(max = 4000) String text) {
}
