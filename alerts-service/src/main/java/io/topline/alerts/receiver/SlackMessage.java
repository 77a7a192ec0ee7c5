package io.topline.alerts.receiver;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A Slack incoming-webhook message in Block Kit: a header, the text in mrkdwn, the facts, a button to the console. */
final class SlackMessage {

    // Block Kit's limits: a header's plain text and a section's text
    private static final int HEADER_MAX = 150;
    private static final int SECTION_MAX = 3000;

    private SlackMessage() {
    }

    static ObjectNode of(AlertNotice notice, ObjectMapper mapper) {
        ObjectNode message = mapper.createObjectNode();
        // the top-level text is what notifications and clients without blocks show
        message.put("text", notice.title());
        ArrayNode blocks = message.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", Texts.cut(notice.title(), HEADER_MAX));
        ObjectNode section = blocks.addObject().put("type", "section");
        section.putObject("text").put("type", "mrkdwn")
                .put("text", Texts.cut(Texts.orElse(notice.text(), notice.title()), SECTION_MAX));
        ArrayNode facts = blocks.addObject().put("type", "context").putArray("elements");
        facts.addObject().put("type", "mrkdwn").put("text", "*Period* " + notice.field("period")
                + "  *Actual* " + Texts.orElse(notice.field("actual"), "no data")
                + "  *Severity* " + notice.field("severity") + "  *State* " + notice.field("state"));
        ObjectNode button = blocks.addObject().put("type", "actions").putArray("elements").addObject()
                .put("type", "button").put("url", notice.link());
        button.putObject("text").put("type", "plain_text").put("text", "Open in Topline");
        return message;
    }
}
