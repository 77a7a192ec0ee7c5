package io.topline.alerts.receiver;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One alert transition to tell a receiver of: the stored Standard Webhooks payload's parts, with the title and text its
 * template made of them and the alert's address in the console.
 */
public record AlertNotice(String type, String timestamp, JsonNode data, String title, String text, String link) {

    /** fired, acknowledged or resolved: the last word of the event type. */
    public String event() {
        return event(type);
    }

    static String event(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }

    /** A field of the alert data as text; empty when it is missing or null. */
    public String field(String... path) {
        JsonNode node = data;
        for (String name : path) {
            node = node.path(name);
        }
        return node.isMissingNode() || node.isNull() ? "" : node.asText();
    }
}
