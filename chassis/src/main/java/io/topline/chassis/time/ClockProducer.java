package io.topline.chassis.time;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** Produces the one {@link Clock} every bean injects instead of calling {@code Instant.now()}. */
@ApplicationScoped
public class ClockProducer {

    private final SettableClock clock = new SettableClock();

    @Produces
    @Singleton
    SettableClock clock() {
        return clock;
    }
}
