package io.topline.chassis.calendar;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Produces the one {@link FiscalCalendar} of the service from {@link CalendarConfig}, at startup. */
@ApplicationScoped
public class CalendarProducer {

    // at startup, so that a calendar the configuration cannot make stops the service before it serves anything
    @Produces
    @Singleton
    @Startup
    FiscalCalendar calendar(CalendarConfig config) {
        return FiscalCalendar.of(config.timeZone(), config.weekStart(), config.fiscalYearStartMonth());
    }
}
