package io.topline.cli.alerts;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;

/** One alert transition as a line people read in a terminal: when, what happened, to which measure and why. */
final class AlertLine {

    private AlertLine() {
    }

    static String of(String eventName, JsonNode data) {
        JsonNode transition = data.path("transition");
        String what = eventName.startsWith("topline.alert.") ? eventName.substring("topline.alert.".length()) : eventName;
        String silenced = data.path("silencedBy").isEmpty() ? "" : " [silenced]";
        return transition.path("at").asText("-") + " " + what.toUpperCase(Locale.ROOT) + " "
                + data.path("severity").asText() + " " + data.path("kind").asText() + " "
                + data.path("measure").path("key").asText() + " " + data.path("period").asText() + silenced + ": "
                + data.path("summary").asText();
    }
}
