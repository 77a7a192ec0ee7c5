package io.topline.alerts.receiver;

import java.util.List;

/**
 * What one attempt sends: a JSON body to post to {@code url}, or for e-mail a {@code subject} and a text
 * {@code body} to the {@code recipients}.
 */
public record OutgoingMessage(String url, String body, String subject, List<String> recipients) {

    public static OutgoingMessage post(String url, String body) {
        return new OutgoingMessage(url, body, null, List.of());
    }

    public static OutgoingMessage mail(List<String> recipients, String subject, String body) {
        return new OutgoingMessage(null, body, subject, List.copyOf(recipients));
    }
}
