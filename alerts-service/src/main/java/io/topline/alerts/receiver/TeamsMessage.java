package io.topline.alerts.receiver;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Microsoft Teams workflow-webhook message: one Adaptive Card attachment (version 1.4) with the title, the text, the
 * facts and an action that opens the alert in the console.
 */
final class TeamsMessage {

    static final String CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";

    private TeamsMessage() {
    }

    static ObjectNode of(AlertNotice notice, ObjectMapper mapper) {
        ObjectNode message = mapper.createObjectNode().put("type", "message");
        ObjectNode attachment = message.putArray("attachments").addObject()
                .put("contentType", CARD_CONTENT_TYPE);
        attachment.putNull("contentUrl");
        ObjectNode card = attachment.putObject("content")
                .put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
                .put("type", "AdaptiveCard")
                .put("version", "1.4");
        ArrayNode body = card.putArray("body");
        body.addObject().put("type", "TextBlock").put("text", notice.title()).put("weight", "Bolder")
                .put("size", "Medium").put("wrap", true)
                .put("color", "resolved".equals(notice.event()) ? "Good" : "Attention");
        body.addObject().put("type", "TextBlock").put("text", Texts.orElse(notice.text(), notice.title()))
                .put("wrap", true);
        ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
        fact(facts, "Driver", notice.field("driver", "name"));
        fact(facts, "Measure", notice.field("measure", "name"));
        fact(facts, "Period", notice.field("period"));
        fact(facts, "Actual", Texts.orElse(notice.field("actual"), "no data"));
        fact(facts, "Severity", notice.field("severity"));
        fact(facts, "State", notice.field("state"));
        card.putArray("actions").addObject().put("type", "Action.OpenUrl").put("title", "Open in Topline")
                .put("url", notice.link());
        return message;
    }

    private static void fact(ArrayNode facts, String title, String value) {
        facts.addObject().put("title", title).put("value", value);
    }
}
