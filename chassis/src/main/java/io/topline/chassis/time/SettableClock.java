package io.topline.chassis.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The suite's one clock: the system's UTC clock, unless a test pinned it to drive periods open and closed without
 * waiting. Production code reads it as a plain {@link Clock}; only tests call {@link #pin} and {@link #reset}.
 */
public class SettableClock extends Clock {

    private volatile Clock delegate = Clock.systemUTC();

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return delegate.withZone(zone);
    }

    @Override
    public Instant instant() {
        return delegate.instant();
    }

    @Override
    public long millis() {
        return delegate.millis();
    }

    /** Pins "now" to {@code instant}, standing still, until {@link #reset()}. */
    public void pin(Instant instant) {
        delegate = Clock.fixed(instant, ZoneOffset.UTC);
    }

    /** Lets "now" run on from {@code instant} at the system clock's pace, until {@link #reset()}. */
    public void startAt(Instant instant) {
        delegate = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), instant));
    }

    /** Returns to the system clock. */
    public void reset() {
        delegate = Clock.systemUTC();
    }
}
