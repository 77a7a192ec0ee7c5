package io.topline.console.admin;

import java.util.List;

/** A webhook subscription as alerts-service's {@code GET /subscriptions} lists it. */
public record Subscription(String id, String url, String description, List<String> drivers, List<String> functions,
                           List<String> measures, List<String> kinds, String minSeverity, boolean active,
                           String disabledReason, String repeatInterval) {

    /** A page of subscriptions. */
    public record Page(List<Subscription> items, long totalItems) {
    }

    /** Its filters as one line; "every alert" without any. */
    public String filterText() {
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
