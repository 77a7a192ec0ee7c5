package io.topline.alerts.receiver;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** Reads a group's or a digest's stored payload data into the list that receivers draw. */
final class ListMessages {

    private ListMessages() {
    }

    /**
     * A group: "5 alerts · SALES · 2026-W48", then each member as its own template titles and words it (its summary
     * names its likely cause), linking to the alert.
     */
    static NoticeList group(JsonNode data, Function<JsonNode, AlertNotice> notice, String inbox) {
        List<NoticeList.Item> items = new ArrayList<>();
        for (JsonNode member : data.path("notifications")) {
            AlertNotice one = notice.apply(member);
            items.add(new NoticeList.Item(one.title(), Texts.orElse(one.text(), one.title()), one.link()));
        }
        List<String> labels = new ArrayList<>();
        data.path("labels").elements().forEachRemaining(value -> labels.add(value.asText()));
        String title = items.size() + " alerts" + (labels.isEmpty() ? "" : " · " + String.join(" · ", labels));
        return new NoticeList(title, inbox, List.of(new NoticeList.Section(null, items)), false);
    }

    /**
     * A digest: "Topline digest: 2 red, 1 amber, 3 open alerts", then the red measures, the amber ones (each with its
     * actual, levels and likely causes, linking to the measure) and the open alerts (linking to each).
     */
    static NoticeList digest(JsonNode data, UnaryOperator<String> page) {
        JsonNode counts = data.path("counts");
        String title = "Topline digest: " + counts.path("missed").asInt() + " red, " + counts.path("atRisk").asInt()
                + " amber, " + counts.path("openAlerts").asInt() + " open alerts (" + counts.path("measures").asInt()
                + " measures)";
        List<NoticeList.Section> sections = List.of(
                new NoticeList.Section("Red: missed", measures(data.path("red"), page)),
                new NoticeList.Section("Amber: at risk", measures(data.path("amber"), page)),
                new NoticeList.Section("Open alerts", alerts(data.path("openAlerts"), page)));
        return new NoticeList(title, page.apply("/console/scorecard"), sections, true);
    }

    private static List<NoticeList.Item> measures(JsonNode measures, UnaryOperator<String> page) {
        List<NoticeList.Item> items = new ArrayList<>();
        for (JsonNode m : measures) {
            String title = m.path("name").asText() + " · " + m.path("driverName").asText() + " · "
                    + m.path("period").asText();
            StringBuilder text = new StringBuilder("Actual ").append(m.path("actual").isNull() ? "no data"
                            : m.path("actual").asText()).append(" (success ").append(m.path("successLevel").asText())
                    .append(", failure ").append(m.path("failureLevel").asText()).append(")");
            List<String> causes = new ArrayList<>();
            m.path("likelyCauses").elements().forEachRemaining(cause -> causes.add(cause.asText()));
            if (!causes.isEmpty()) {
                text.append("; upstream: ").append(String.join(", ", causes));
            }
            items.add(new NoticeList.Item(title, text.toString(), page.apply("/console/measures/"
                    + m.path("key").asText())));
        }
        return items;
    }

    private static List<NoticeList.Item> alerts(JsonNode alerts, UnaryOperator<String> page) {
        List<NoticeList.Item> items = new ArrayList<>();
        for (JsonNode a : alerts) {
            String title = "[" + a.path("state").asText() + "] " + a.path("severity").asText() + " "
                    + a.path("kind").asText() + ": " + a.path("measureName").asText() + " (" + a.path("period").asText()
                    + ")";
            items.add(new NoticeList.Item(title, a.path("summary").asText(), page.apply("/console/inbox/"
                    + a.path("alertId").asText())));
        }
        return items;
    }
}
