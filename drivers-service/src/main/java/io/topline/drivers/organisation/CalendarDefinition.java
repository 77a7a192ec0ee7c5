package io.topline.drivers.organisation;

import io.topline.chassis.calendar.FiscalCalendar;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import java.time.DayOfWeek;

/**
 * The read-only {@code calendar} block of an organisation file: the suite's calendar, written by the export so that a
 * file says which calendar its period labels belong to. A file never changes it; plan and apply refuse one that
 * differs from the suite's.
 */
@Schema(description = "The suite's calendar, read-only: set at installation; plan and apply refuse a file whose "
        + "calendar differs")
public record CalendarDefinition(
        @Schema(description = "Time zone in which periods begin and end", example = "UTC")
        @Size(min = 1, max = 64) String timeZone,
        @Schema(description = "First day of a week; weeks are numbered like ISO weeks", example = "MONDAY")
        DayOfWeek weekStart,
        @Schema(description = "Month (1 to 12) in which the fiscal year and its Q1 start", example = "1")
        @Min(1) @Max(12) Integer fiscalYearStartMonth) {

    /** The block that describes {@code calendar}. */
    public static CalendarDefinition of(FiscalCalendar calendar) {
        return new CalendarDefinition(calendar.zone().getId(), calendar.weekStart(), calendar.fiscalYearStartMonth());
    }
}
