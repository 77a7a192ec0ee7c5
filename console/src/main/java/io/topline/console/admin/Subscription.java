package io.topline.console.admin;

import java.util.List;

/**
 * A subscription as alerts-service's {@code GET /subscriptions} lists it: its receiver (kind, URL or recipients), the
 * template in use, its routes and state; {@code secret} only in the answer that created a webhook.
 */
public record Subscription(String id, String receiver, String url, List<String> recipients, Template template,
                           String description, List<String> drivers, List<String> functions, List<String> measures,
                           List<String> kinds, String minSeverity, boolean active, String disabledReason,
                           String repeatInterval, Boolean routeOnly, Boolean holdDownstream, String secret) {

    /** The title and text templates (Qute) of its messages. */
    public record Template(String title, String text) {
    }

    /** A page of subscriptions. */
    public record Page(List<Subscription> items, long totalItems) {
    }

    /** Where it sends: its URL, or its recipients for e-mail. */
    public String destination() {
        return url != null ? url : recipients == null ? "" : String.join(", ", recipients);
    }

    /** Its receiver kind; subscriptions made before there were kinds are webhooks. */
    public String receiverKind() {
        return receiver == null ? "WEBHOOK" : receiver;
    }

    /** Its filters as one line; "every alert" without any, "routes and escalations only" for a person's receiver. */
    public String filterText() {
        if (Boolean.TRUE.equals(routeOnly)) {
            return "contact routes and escalation steps only";
        }
        StringBuilder text = new StringBuilder();
        append(text, "drivers", drivers);
        append(text, "functions", functions);
        append(text, "measures", measures);
        append(text, "kinds", kinds);
        if (minSeverity != null) {
            append(text, "severity at least", List.of(minSeverity));
        }
        return text.length() == 0 ? "every alert" : text.toString();
    }

    private static void append(StringBuilder text, String name, List<String> values) {
        if (values != null && !values.isEmpty()) {
            text.append(text.length() == 0 ? "" : "; ").append(name).append(' ').append(String.join(", ", values));
        }
    }
}
