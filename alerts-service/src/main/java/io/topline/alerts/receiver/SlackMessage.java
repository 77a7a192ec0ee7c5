package io.topline.alerts.receiver;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A Slack incoming-webhook message in Block Kit: a header, the text in mrkdwn, the facts, a button to the console. */
final class SlackMessage {

    // Block Kit's limits: a header's plain text and a section's text
    private static final int HEADER_MAX = 150;
    private static final int SECTION_MAX = 3000;
    private static final int MAX_BLOCKS = 50;

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

    /**
     * A list in Block Kit: the title as header, a section per item (its title linking to its page, its text under it)
     * below each section's heading, and a button to the console. Block Kit takes 50 blocks: past that many items the
     * message says how many more there are.
     */
    static ObjectNode of(NoticeList list, ObjectMapper mapper) {
        ObjectNode message = mapper.createObjectNode();
        message.put("text", list.title());
        ArrayNode blocks = message.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", Texts.cut(list.title(), HEADER_MAX));
        int shown = 0;
        for (NoticeList.Section part : list.sections()) {
            if (part.heading() != null && blocks.size() < MAX_BLOCKS - 2) {
                mrkdwn(blocks.addObject().put("type", "section"), "*" + TemplateRenderer.escapeMrkdwn(part.heading())
                        + "*" + (part.items().isEmpty() ? "\nnone" : ""));
            }
            for (NoticeList.Item item : part.items()) {
                if (blocks.size() >= MAX_BLOCKS - 2) {
                    break;
                }
                mrkdwn(blocks.addObject().put("type", "section"), Texts.cut("*<" + item.link() + "|"
                        + TemplateRenderer.escapeMrkdwn(Texts.oneLine(item.title())) + ">*\n" + (list.plainItemText()
                        ? TemplateRenderer.escapeMrkdwn(item.text()) : item.text()), SECTION_MAX));
                shown++;
            }
        }
        if (shown < list.itemCount()) {
            blocks.addObject().put("type", "context").putArray("elements").addObject().put("type", "mrkdwn")
                    .put("text", "and " + (list.itemCount() - shown) + " more in Topline");
        }
        ObjectNode button = blocks.addObject().put("type", "actions").putArray("elements").addObject()
                .put("type", "button").put("url", list.link());
        button.putObject("text").put("type", "plain_text").put("text", "Open in Topline");
        return message;
    }

    private static void mrkdwn(ObjectNode section, String text) {
        section.putObject("text").put("type", "mrkdwn").put("text", text);
    }
}
