package io.topline.alerts.receiver;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A PagerDuty Events API v2 alert event: a firing triggers, an acknowledgement acknowledges and a resolve resolves the
 * PagerDuty alert whose {@code dedup_key} is the Topline alert's dedup key.
 */
final class PagerDutyEvent {

    private static final int SUMMARY_MAX = 1024;

    private PagerDutyEvent() {
    }

    static ObjectNode of(AlertNotice notice, String routingKey, ObjectMapper mapper) {
        String action = switch (notice.event()) {
            case "acknowledged" -> "acknowledge";
            case "resolved" -> "resolve";
            default -> "trigger";
        };
        ObjectNode event = mapper.createObjectNode()
                .put("routing_key", routingKey)
                .put("event_action", action)
                .put("dedup_key", notice.field("dedupKey"));
        if (!"trigger".equals(action)) {
            // PagerDuty reads only the key and the action of an acknowledge or a resolve
            return event;
        }
        ObjectNode payload = event.putObject("payload")
                .put("summary", Texts.cut(Texts.oneLine(notice.title()), SUMMARY_MAX))
                .put("source", "topline/" + notice.field("driver", "key") + "/" + notice.field("measure", "key"))
                .put("severity", severity(notice.field("severity")))
                .put("timestamp", timestamp(notice.field("transition", "at")))
                .put("component", notice.field("measure", "key"))
                .put("group", notice.field("driver", "key"))
                .put("class", notice.field("kind"));
        ObjectNode details = payload.putObject("custom_details")
                .put("text", notice.text())
                .put("period", notice.field("period"))
                .put("actual", notice.field("actual"))
                .put("state", notice.field("state"));
        details.set("target", notice.data().path("target"));
        details.set("labels", notice.data().path("labels"));
        event.put("client", "Topline").put("client_url", notice.link());
        event.putArray("links").addObject().put("href", notice.link()).put("text", "Open in Topline");
        return event;
    }

    /** The instant to the millisecond, as PagerDuty shows it. */
    static String timestamp(String instant) {
        return Instant.parse(instant).truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /** Topline's severities on PagerDuty's scale (critical, error, warning, info). */
    static String severity(String topline) {
        return switch (topline) {
            case "CRITICAL" -> "critical";
            case "WARNING" -> "warning";
            default -> "info";
        };
    }
}
