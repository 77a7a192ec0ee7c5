package io.topline.console.admin;

import java.util.List;

/** A rendered message as alerts-service's {@code POST /subscriptions/{id}/preview} answers it, nothing sent. */
public record Preview(String receiver, String type, String title, String text, String link, String url,
                      List<String> recipients, String subject, String body) {
}
