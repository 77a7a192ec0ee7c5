package io.topline.alerts.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AlertStreamTest {

    private final AlertStream stream = new AlertStream(config(3, 2), new ObjectMapper(), new StreamAssignment());

    @Test
    void shouldDropASubscriberThatFallsBehindWithoutHoldingUpTheOthers() {
        AssertSubscriber<StreamEvent> fast = stream.subscribe(null).subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        AssertSubscriber<StreamEvent> slow = stream.subscribe(null).subscribe().withSubscriber(AssertSubscriber.create(0));

        List.of("e1", "e2", "e3", "e4", "e5").forEach(id -> stream.publish(event(id)));

        assertEquals(List.of("e1", "e2", "e3", "e4", "e5"), ids(fast.getItems()));
        fast.assertNotTerminated();
        slow.request(Long.MAX_VALUE);
        assertEquals(List.of("e1", "e2", StreamEvent.DROPPED), names(slow.getItems()));
        slow.assertCompleted();
        assertEquals(1, stream.subscriberCount());
    }

    @Test
    void shouldReplayWhatFollowsTheLastEventIdAndResetWhenItIsNoLongerInTheWindow() {
        List.of("e1", "e2", "e3", "e4", "e5").forEach(id -> stream.publish(event(id)));

        AssertSubscriber<StreamEvent> resumed = stream.subscribe("e3").subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        AssertSubscriber<StreamEvent> tooLate = stream.subscribe("e2").subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        stream.publish(event("e6"));

        assertEquals(List.of("e4", "e5", "e6"), ids(resumed.getItems()));
        assertEquals(List.of(StreamEvent.RESET, "e6"), names(tooLate.getItems()));
    }

    @Test
    void shouldForgetEventsOlderThanTheWindowAge() {
        long[] now = {0};
        RecentEvents window = new RecentEvents(10, Duration.ofMinutes(60).toNanos(), () -> now[0]);
        window.add(event("old"));
        now[0] = Duration.ofMinutes(30).toNanos();
        window.add(event("newer"));
        assertEquals(List.of("newer"), ids(window.after("old").orElseThrow()));
        now[0] = Duration.ofMinutes(61).toNanos();
        assertEquals(List.of(), ids(window.after("newer").orElseThrow()));
        assertEquals(false, window.after("old").isPresent());
    }

    private static StreamEvent event(String id) {
        return StreamEvent.transition(id, "topline.alert.fired", null);
    }

    private static List<String> ids(List<StreamEvent> events) {
        return events.stream().map(StreamEvent::id).toList();
    }

    /** The id of each transition, the type of each signal. */
    private static List<String> names(List<StreamEvent> events) {
        return events.stream().map(e -> e.isSignal() ? e.type() : e.id()).toList();
    }

    private static StreamConfig config(int windowSize, int subscriberBuffer) {
        return new StreamConfig() {
            @Override
            public int windowSize() {
                return windowSize;
            }

            @Override
            public Duration windowAge() {
                return Duration.ofHours(1);
            }

            @Override
            public int subscriberBuffer() {
                return subscriberBuffer;
            }
        };
    }
}
