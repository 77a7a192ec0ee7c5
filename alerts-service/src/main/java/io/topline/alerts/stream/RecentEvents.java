package io.topline.alerts.stream;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/** The window of recent stream events, bounded by count and age, that a resuming client is replayed from. Not thread-safe. */
final class RecentEvents {

    private record Entry(StreamEvent event, long seenAtNanos) {
    }

    private final int maxSize;
    private final long maxAgeNanos;
    private final LongSupplier nanoTime;
    private final Deque<Entry> entries = new ArrayDeque<>();

    RecentEvents(int maxSize, long maxAgeNanos, LongSupplier nanoTime) {
        this.maxSize = maxSize;
        this.maxAgeNanos = maxAgeNanos;
        this.nanoTime = nanoTime;
    }

    void add(StreamEvent event) {
        entries.addLast(new Entry(event, nanoTime.getAsLong()));
        while (entries.size() > maxSize) {
            entries.removeFirst();
        }
        evictOld();
    }

    /** The events after the one with {@code id}, oldest first; empty when that event is not (or no longer) kept. */
    Optional<List<StreamEvent>> after(String id) {
        evictOld();
        List<StreamEvent> newer = new ArrayList<>();
        for (Iterator<Entry> it = entries.descendingIterator(); it.hasNext(); ) {
            StreamEvent event = it.next().event();
            if (event.id().equals(id)) {
                Collections.reverse(newer);
                return Optional.of(newer);
            }
            newer.add(event);
        }
        return Optional.empty();
    }

    int size() {
        return entries.size();
    }

    private void evictOld() {
        long now = nanoTime.getAsLong();
        while (!entries.isEmpty() && now - entries.peekFirst().seenAtNanos() > maxAgeNanos) {
            entries.removeFirst();
        }
    }
}
