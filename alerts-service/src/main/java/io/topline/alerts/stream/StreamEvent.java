package io.topline.alerts.stream;

import io.topline.alerts.alert.AlertEventData;

import java.util.Map;

/**
 * One event of the live stream: an alert transition read from topline.alerts (its CloudEvent id and type), or a
 * signal about the stream itself ({@code reset}, {@code dropped}), which has no alert data and is never filtered out.
 */
public record StreamEvent(String id, String type, AlertEventData data, Map<String, String> signal) {

    /** The resumed-from id is not in the window: the client missed events it cannot be sent, and should reload. */
    public static final String RESET = "reset";
    /** The client fell too far behind and is disconnected; it resumes by reconnecting with its last id. */
    public static final String DROPPED = "dropped";

    public static StreamEvent transition(String id, String type, AlertEventData data) {
        return new StreamEvent(id, type, data, null);
    }

    static StreamEvent reset(String lastEventId) {
        return new StreamEvent(null, RESET, null, Map.of("reason", "Event " + lastEventId
                + " is no longer in this stream's window: reload the alerts (GET /alerts) and carry on from here"));
    }

    static StreamEvent dropped() {
        return new StreamEvent(null, DROPPED, null, Map.of("reason",
                "This client fell too far behind: reconnect with Last-Event-ID to resume"));
    }

    /** Whether this is a signal about the stream rather than an alert transition. */
    public boolean isSignal() {
        return signal != null;
    }
}
