package io.topline.chassis.calendar;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One period of a {@link FiscalCalendar}: a unit and its first day. Periods are dates; the calendar's zone turns them
 * into instants. Obtain them from the calendar ({@code containing}, {@code parse}), which keeps first days aligned.
 */
public record CalendarPeriod(CalendarUnit unit, LocalDate firstDay, FiscalCalendar calendar)
        implements Comparable<CalendarPeriod> {

    /** Its label: {@code 2026-W48}, {@code 2026-11}, {@code 2026-Q4} or {@code 2026}. */
    public String label() {
        return calendar.label(unit, firstDay);
    }

    public CalendarPeriod next() {
        return new CalendarPeriod(unit, calendar.plus(unit, firstDay, 1), calendar);
    }

    public CalendarPeriod previous() {
        return new CalendarPeriod(unit, calendar.plus(unit, firstDay, -1), calendar);
    }

    /** The day after its last day. */
    public LocalDate endDay() {
        return calendar.plus(unit, firstDay, 1);
    }

    /** Its first instant. */
    public Instant start() {
        return calendar.startOf(firstDay);
    }

    /** The first instant after it (its exclusive end). */
    public Instant end() {
        return calendar.startOf(endDay());
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(start()) && instant.isBefore(end());
    }

    @Override
    public int compareTo(CalendarPeriod other) {
        return firstDay.compareTo(other.firstDay);
    }

    @Override
    public String toString() {
        return label();
    }
}
