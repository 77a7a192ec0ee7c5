package io.topline.alerts.period;

import io.topline.chassis.calendar.CalendarPeriod;
import io.topline.chassis.calendar.CalendarUnit;
import io.topline.chassis.calendar.FiscalCalendar;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A period of a measure's cadence ({@code 2026-W48}, {@code 2026-11}, {@code 2026-Q4}) in the organisation's calendar:
 * the cadence and the chassis calendar period that holds the arithmetic (labels, bounds, neighbours).
 */
public record Period(Cadence cadence, CalendarPeriod span) implements Comparable<Period> {

    /** The calendar unit of {@code cadence}'s periods. */
    public static CalendarUnit unit(Cadence cadence) {
        return switch (cadence) {
            case WEEKLY -> CalendarUnit.WEEK;
            case MONTHLY -> CalendarUnit.MONTH;
            case QUARTERLY -> CalendarUnit.QUARTER;
        };
    }

    /** The period of {@code cadence} that holds {@code day}. */
    public static Period containing(FiscalCalendar calendar, Cadence cadence, LocalDate day) {
        return new Period(cadence, calendar.containing(unit(cadence), day));
    }

    /** The period of {@code cadence} that holds {@code instant} in the calendar's zone. */
    public static Period containing(FiscalCalendar calendar, Cadence cadence, Instant instant) {
        return new Period(cadence, calendar.containing(unit(cadence), instant));
    }

    /** Parses a label of {@code cadence}; a label of another cadence is refused. */
    public static Period parse(FiscalCalendar calendar, Cadence cadence, String label) {
        if (label == null) {
            throw new IllegalArgumentException("period is missing");
        }
        return calendar.parse(unit(cadence), label).map(span -> new Period(cadence, span))
                .orElseThrow(() -> new IllegalArgumentException("'" + label + "' is not a "
                        + cadence.name().toLowerCase() + " period"));
    }

    /** Whether {@code label} names a period of {@code cadence}. */
    public static boolean isValid(FiscalCalendar calendar, Cadence cadence, String label) {
        return calendar.parse(unit(cadence), label).isPresent();
    }

    public FiscalCalendar calendar() {
        return span.calendar();
    }

    public LocalDate firstDay() {
        return span.firstDay();
    }

    public String label() {
        return span.label();
    }

    public Period next() {
        return new Period(cadence, span.next());
    }

    public Period previous() {
        return new Period(cadence, span.previous());
    }

    public Instant start() {
        return span.start();
    }

    /** The first instant after the period (exclusive end). */
    public Instant end() {
        return span.end();
    }

    @Override
    public int compareTo(Period other) {
        return span.compareTo(other.span);
    }

    @Override
    public String toString() {
        return label();
    }
}
