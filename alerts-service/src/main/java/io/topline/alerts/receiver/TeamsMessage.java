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
    // a card's payload is limited (about 28 KB for a Teams message): a long list is cut
    private static final int MAX_ITEMS = 50;
    // each item's text is cut, and items stop well inside the limit; "and N more" counts the rest
    private static final int ITEM_TEXT_MAX = 400;
    private static final int MAX_TEXT = 18_000;

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

    /**
     * A list as one Adaptive Card: the title, each section's heading, and per item a container with its title as a
     * link to its page and its text; at most {@code MAX_ITEMS} items, then how many more there are.
     */
    static ObjectNode of(NoticeList list, ObjectMapper mapper) {
        ObjectNode message = mapper.createObjectNode().put("type", "message");
        ObjectNode attachment = message.putArray("attachments").addObject()
                .put("contentType", CARD_CONTENT_TYPE);
        attachment.putNull("contentUrl");
        ObjectNode card = attachment.putObject("content")
                .put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
                .put("type", "AdaptiveCard")
                .put("version", "1.4");
        ArrayNode body = card.putArray("body");
        body.addObject().put("type", "TextBlock").put("text", list.title()).put("weight", "Bolder")
                .put("size", "Medium").put("wrap", true);
        int shown = 0;
        int chars = 0;
        for (NoticeList.Section part : list.sections()) {
            if (part.heading() != null) {
                body.addObject().put("type", "TextBlock").put("text", part.heading()
                        + (part.items().isEmpty() ? ": none" : "")).put("weight", "Bolder").put("wrap", true);
            }
            for (NoticeList.Item item : part.items()) {
                if (shown == MAX_ITEMS || chars > MAX_TEXT) {
                    break;
                }
                chars += item.title().length() + Math.min(item.text().length(), ITEM_TEXT_MAX);
                ArrayNode items = body.addObject().put("type", "Container").put("separator", true).putArray("items");
                items.addObject().put("type", "TextBlock").put("text", "[" + Texts.oneLine(item.title()) + "]("
                        + item.link() + ")").put("weight", "Bolder").put("wrap", true);
                items.addObject().put("type", "TextBlock").put("text", Texts.cut(Texts.orElse(item.text(), item.title()),
                        ITEM_TEXT_MAX)).put("wrap", true).put("isSubtle", true);
                shown++;
            }
        }
        if (shown < list.itemCount()) {
            body.addObject().put("type", "TextBlock").put("text", "and " + (list.itemCount() - shown)
                    + " more in Topline").put("wrap", true);
        }
        card.putArray("actions").addObject().put("type", "Action.OpenUrl").put("title", "Open in Topline")
                .put("url", list.link());
        return message;
    }

    private static void fact(ArrayNode facts, String title, String value) {
        facts.addObject().put("title", title).put("value", value);
    }
}
