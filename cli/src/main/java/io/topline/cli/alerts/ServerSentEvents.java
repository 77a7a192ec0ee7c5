package io.topline.cli.alerts;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Reads a text/event-stream (the WHATWG rules the stream needs: id, event, data lines, comments, blank line ends). */
public final class ServerSentEvents {

    private ServerSentEvents() {
    }

    /** One event: its id (null when it has none), its name ({@code message} by default) and its data. */
    public record Event(String id, String name, String data) {
    }

    /**
     * Reads events until the stream ends or {@code handler} returns false; returns whether the stream ended by
     * itself.
     */
    public static boolean read(BufferedReader stream, Predicate<Event> handler) throws IOException {
        String id = null;
        String name = null;
        List<String> data = new ArrayList<>();
        for (String line = stream.readLine(); line != null; line = stream.readLine()) {
            if (line.isEmpty()) {
                if (!data.isEmpty() && !handler.test(new Event(id, name == null ? "message" : name, String.join("\n", data)))) {
                    return false;
                }
                id = null;
                name = null;
                data.clear();
            } else if (!line.startsWith(":")) {
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                switch (field) {
                    case "id" -> id = value;
                    case "event" -> name = value;
                    case "data" -> data.add(value);
                    default -> {
                        // retry and unknown fields: nothing to do here
                    }
                }
            }
        }
        return true;
    }
}
