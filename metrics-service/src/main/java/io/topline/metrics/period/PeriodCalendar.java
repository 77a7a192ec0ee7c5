package io.topline.metrics.period;

import io.topline.chassis.calendar.CalendarPeriod;
import io.topline.chassis.calendar.CalendarUnit;
import io.topline.chassis.calendar.FiscalCalendar;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;

/** The periods of a measure's cadence in the organisation's calendar (the chassis {@link FiscalCalendar}). */
@ApplicationScoped
public class PeriodCalendar {

    private final FiscalCalendar calendar;
    /*
     * The last period computed per cadence: nearly every measurement of a batch falls into the same period, and
     * computing it (zone conversion, week fields, the label) showed up in the batch profile for each item.
     */
    private final AtomicReferenceArray<Period> recent = new AtomicReferenceArray<>(Cadence.values().length);

    public PeriodCalendar(FiscalCalendar calendar) {
        this.calendar = calendar;
    }

    public ZoneId zone() {
        return calendar.zone();
    }

    /** The calendar unit of {@code cadence}'s periods. */
    public static CalendarUnit unit(Cadence cadence) {
        return switch (cadence) {
            case WEEKLY -> CalendarUnit.WEEK;
            case MONTHLY -> CalendarUnit.MONTH;
            case QUARTERLY -> CalendarUnit.QUARTER;
        };
    }

    /** The period of {@code cadence} that contains {@code instant}. */
    public Period periodOf(Cadence cadence, Instant instant) {
        Period last = recent.get(cadence.ordinal());
        if (last != null && !instant.isBefore(last.start()) && instant.isBefore(last.end())) {
            return last;
        }
        Period computed = period(cadence, calendar.containing(unit(cadence), instant));
        recent.set(cadence.ordinal(), computed);
        return computed;
    }

    /** The period of {@code cadence} named {@code label}; empty when the label does not name one. */
    public Optional<Period> parse(Cadence cadence, String label) {
        return calendar.parse(unit(cadence), label).map(span -> period(cadence, span));
    }

    private static Period period(Cadence cadence, CalendarPeriod span) {
        return new Period(cadence, span.label(), span.start(), span.end());
    }
}
