package io.topline.alerts.period;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;

/**
 * The organisation's notion of "now" for evaluations, settle times and transitions.
 *
 * <p>It is the system clock in production; tests pin it to drive periods open and closed without waiting.
 */
@ApplicationScoped
public class ToplineClock {

    private volatile Clock clock = Clock.systemUTC();

    public Instant now() {
        return clock.instant();
    }

    /** Pins "now" to {@code instant} until {@link #reset()} (tests, replays). */
    public void pin(Instant instant) {
        clock = Clock.fixed(instant, java.time.ZoneOffset.UTC);
    }

    /** Returns to the system clock. */
    public void reset() {
        clock = Clock.systemUTC();
    }
}
