package io.topline.alerts.stream;

import io.smallrye.mutiny.subscription.MultiEmitter;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client of the stream with a bounded backlog: events are counted in when offered and out when the client's
 * side takes them, and a client with more than its limit waiting is sent {@code dropped} and completed.
 */
final class Subscriber {

    private final MultiEmitter<? super StreamEvent> emitter;
    private final AtomicInteger waiting = new AtomicInteger();
    private final int limit;
    private volatile boolean done;

    Subscriber(MultiEmitter<? super StreamEvent> emitter, int limit) {
        this.emitter = emitter;
        this.limit = limit;
    }

    /** Hands the client an event; returns false once the client is gone or has just been dropped. */
    boolean offer(StreamEvent event) {
        if (gone()) {
            return false;
        }
        if (waiting.incrementAndGet() > limit) {
            done = true;
            emitter.emit(StreamEvent.dropped());
            emitter.complete();
            return false;
        }
        emitter.emit(event);
        return true;
    }

    /** Whether the client disconnected, was dropped or was closed. */
    boolean gone() {
        return done || emitter.isCancelled();
    }

    /** The client's side took an event. */
    void taken() {
        waiting.decrementAndGet();
    }

    /** Ends the client's stream (the service stops). */
    void complete() {
        done = true;
        emitter.complete();
    }
}
