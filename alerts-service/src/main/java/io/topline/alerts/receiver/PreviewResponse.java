package io.topline.alerts.receiver;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * A rendered message as its receiver would get it: the title, text and console link the template made, and either the
 * {@code url} with the exact JSON {@code body} (pretty-printed; a PagerDuty routing key shown as a placeholder) or the
 * e-mail's {@code recipients}, {@code subject} and text {@code body}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PreviewResponse(ReceiverKind receiver, String alertId, String type, String title, String text,
                              String link, String url, List<String> recipients, String subject, String body) {
}
