package io.topline.alerts.receiver;

import java.util.List;

/**
 * A message that lists several things, each with its own line and link: a group of alert notifications, or a digest.
 * Every receiver kind that people read draws it once ({@link SlackMessage}, {@link TeamsMessage}, e-mail). With
 * {@code plainItemText} the items' text is plain data (a digest's names and summaries) that Slack must escape; a
 * group's members come already rendered for the receiver.
 */
public record NoticeList(String title, String link, List<Section> sections, boolean plainItemText) {

    /** How many items all sections hold. */
    public int itemCount() {
        return sections.stream().mapToInt(section -> section.items().size()).sum();
    }

    /** A part of the list under an optional heading. */
    public record Section(String heading, List<Item> items) {
    }

    /** One thing the list names: a title, a text under it and its page in the console. */
    public record Item(String title, String text, String link) {
    }

    /** The list as plain text: an e-mail's body. */
    public String plainText() {
        StringBuilder text = new StringBuilder(title).append("\n\n");
        for (Section section : sections) {
            if (section.heading() != null) {
                text.append(section.heading()).append('\n').append("-".repeat(section.heading().length()))
                        .append('\n');
            }
            if (section.items().isEmpty()) {
                text.append("(none)\n");
            }
            for (Item item : section.items()) {
                text.append("* ").append(Texts.oneLine(item.title())).append('\n');
                for (String line : item.text().strip().split("\\R")) {
                    text.append("  ").append(line).append('\n');
                }
                text.append("  ").append(item.link()).append("\n\n");
            }
            text.append('\n');
        }
        return text.append("Open Topline: ").append(link).append('\n').toString();
    }
}
