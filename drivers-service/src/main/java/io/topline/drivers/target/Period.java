package io.topline.drivers.target;

import io.topline.chassis.calendar.CalendarPeriod;
import io.topline.chassis.calendar.CalendarUnit;
import io.topline.chassis.calendar.FiscalCalendar;
import io.topline.drivers.measure.Cadence;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A period of one cadence in the organisation's calendar: a week ({@code 2026-W48}), a month ({@code 2026-11}) or a
 * quarter ({@code 2026-Q4}); the chassis calendar period holds the arithmetic.
 */
public record Period(Cadence cadence, CalendarPeriod span) implements Comparable<Period> {

    /** Reads a period of any cadence; empty when the text is no period of the calendar at all. */
    public static Optional<Period> parse(FiscalCalendar calendar, String text) {
        for (Cadence cadence : Cadence.values()) {
            Optional<CalendarPeriod> span = calendar.parse(unit(cadence), text);
            if (span.isPresent()) {
                return Optional.of(new Period(cadence, span.get()));
            }
        }
        return Optional.empty();
    }

    /** The period of {@code cadence} that contains {@code date}. */
    public static Period containing(FiscalCalendar calendar, Cadence cadence, LocalDate date) {
        return new Period(cadence, calendar.containing(unit(cadence), date));
    }

    /** An example period of {@code cadence}, for explanations. */
    public static String example(Cadence cadence) {
        return FiscalCalendar.example(unit(cadence));
    }

    private static CalendarUnit unit(Cadence cadence) {
        return switch (cadence) {
            case WEEKLY -> CalendarUnit.WEEK;
            case MONTHLY -> CalendarUnit.MONTH;
            case QUARTERLY -> CalendarUnit.QUARTER;
        };
    }

    /** The first day of the period. */
    public LocalDate start() {
        return span.firstDay();
    }

    @Override
    public int compareTo(Period other) {
        return span.compareTo(other.span);
    }

    @Override
    public String toString() {
        return span.label();
    }
}
