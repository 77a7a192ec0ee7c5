package io.topline.chassis.calendar;

/** The lengths of the periods a {@link FiscalCalendar} divides time into. */
public enum CalendarUnit {
    WEEK,
    MONTH,
    QUARTER,
    YEAR
}
