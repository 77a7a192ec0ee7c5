package io.topline.cli.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.topline.cli.alerts.ServerSentEvents.Event;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stream as alerts-service writes it: named events with ids and JSON data, keep-alive comments, signals. */
class ServerSentEventsTest {

    private static final String STREAM = """
            : keep-alive

            id: 3f0e8b9c
            event: topline.alert.fired
            data: {"kind":"MISSED","severity":"CRITICAL","measure":{"key":"new-clients"},"period":"2026-11",
            data: "summary":"New clients missed","transition":{"at":"2026-12-01T00:05:00Z"},"silencedBy":[]}

            event: reset
            data: {"reason":"Event 1 is no longer in this stream's window"}

            """;

    @Test
    void shouldReadNamedEventsWithTheirIdsAndSkipComments() throws Exception {
        List<Event> events = new ArrayList<>();

        boolean ended = ServerSentEvents.read(new BufferedReader(new StringReader(STREAM)), events::add);

        assertTrue(ended);
        assertEquals(List.of(new Event("3f0e8b9c", "topline.alert.fired", "{\"kind\":\"MISSED\",\"severity\":\"CRITICAL\","
                        + "\"measure\":{\"key\":\"new-clients\"},\"period\":\"2026-11\",\n\"summary\":\"New clients missed\","
                        + "\"transition\":{\"at\":\"2026-12-01T00:05:00Z\"},\"silencedBy\":[]}"),
                new Event(null, "reset", "{\"reason\":\"Event 1 is no longer in this stream's window\"}")), events);
    }

    @Test
    void shouldStopWhenTheHandlerHasHadEnoughAndPrintATransitionOnOneLine() throws Exception {
        List<Event> events = new ArrayList<>();

        boolean ended = ServerSentEvents.read(new BufferedReader(new StringReader(STREAM)), e -> !events.add(e));

        assertFalse(ended);
        assertEquals(1, events.size());
        assertEquals("2026-12-01T00:05:00Z FIRED CRITICAL MISSED new-clients 2026-11: New clients missed",
                AlertLine.of(events.get(0).name(), new ObjectMapper().readTree(events.get(0).data())));
    }
}
