package io.topline.drivers.organisation;

import io.topline.chassis.calendar.FiscalCalendar;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import java.time.DayOfWeek;

/**
 * The read-only {@code calendar} block of an organisation file: the suite's calendar, written by the export so that a
 * file says which calendar its period labels belong to. A file never changes it; plan and apply refuse one that
 * differs from the suite's.
 */
public record CalendarDefinition(
        @Size(min = 1, max = 64) String timeZone,
        DayOfWeek weekStart,
        @Min(1) @Max(12) Integer fiscalYearStartMonth) {

    /** The block that describes {@code calendar}. */
    public static CalendarDefinition of(FiscalCalendar calendar) {
        return new CalendarDefinition(calendar.zone().getId(), calendar.weekStart(), calendar.fiscalYearStartMonth());
    }
}
