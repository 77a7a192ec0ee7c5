package io.topline.chassis.calendar;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.time.DayOfWeek;
import java.time.ZoneId;

/**
 * The organisation's calendar, the same in every service ({@code TOPLINE_TIME_ZONE}, {@code TOPLINE_WEEK_START},
 * {@code TOPLINE_FISCAL_YEAR_START_MONTH}). It is chosen at installation: changing it re-labels every stored period.
 */
@ConfigMapping(prefix = "topline.calendar")
public interface CalendarConfig {

    /** Time zone in which periods begin and end. */
    @WithDefault("UTC")
    ZoneId timeZone();

    /** First day of a week; weeks are numbered like ISO weeks (week 1 has at least four days of January). */
    @WithDefault("MONDAY")
    DayOfWeek weekStart();

    /** Month (1 to 12) in which the fiscal year and its first quarter start; 1 is the calendar year. */
    @WithDefault("1")
    @Min(value = 1, message = "must be a month from 1 to 12")
    @Max(value = 12, message = "must be a month from 1 to 12")
    int fiscalYearStartMonth();
}
