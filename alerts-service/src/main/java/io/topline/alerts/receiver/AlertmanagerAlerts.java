package io.topline.alerts.receiver;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;

/**
 * The body of Alertmanager's {@code POST /api/v2/alerts}: one postable alert labelled with the alert's labels (its
 * identity in Alertmanager), annotated with the title, the text and the link. A firing starts it, a resolve ends it
 * ({@code endsAt}); between the two it is re-sent (AlertmanagerResendSweep) so that Alertmanager keeps it active.
 */
final class AlertmanagerAlerts {

    /** Where the alerts go under an Alertmanager's base URL. */
    static final String PATH = "/api/v2/alerts";

    private AlertmanagerAlerts() {
    }

    static ArrayNode of(AlertNotice notice, ObjectMapper mapper) {
        ArrayNode alerts = mapper.createArrayNode();
        ObjectNode alert = alerts.addObject();
        ObjectNode labels = alert.putObject("labels")
                .put("alertname", "topline_" + notice.field("kind").toLowerCase(Locale.ROOT));
        notice.data().path("labels").fields().forEachRemaining(label -> {
            if (label.getValue().isTextual()) {
                labels.put(label.getKey(), label.getValue().asText());
            }
        });
        labels.put("period", notice.field("period"));
        alert.putObject("annotations")
                .put("summary", notice.title())
                .put("description", notice.text())
                .put("dedup_key", notice.field("dedupKey"))
                .put("console", notice.link());
        switch (notice.event()) {
            // when the alert began; Alertmanager keeps the earliest start of an alert it already has
            case "fired" -> alert.put("startsAt", notice.field("transition", "at"));
            // without a start Alertmanager starts it at its end, and merges it into the one it has
            case "resolved" -> alert.put("endsAt", notice.field("transition", "at"));
            default -> {
                // acknowledged: still active, the start already known
            }
        }
        alert.put("generatorURL", notice.link());
        return alerts;
    }

    /** The alerts endpoint under an Alertmanager's base URL. */
    static String endpoint(String baseUrl) {
        return (baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl) + PATH;
    }
}
