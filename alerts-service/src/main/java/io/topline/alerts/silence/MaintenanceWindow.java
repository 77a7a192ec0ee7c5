package io.topline.alerts.silence;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * A recurring maintenance window, like an Alertmanager time interval: the days it applies to (weekdays, days of the
 * month, negative ones counted from the month's end, and months; an empty list admits every day) and a local time of
 * day from {@code startTime} (inclusive) to {@code endTime} (exclusive, {@code 24:00} for midnight), in a time zone.
 *
 * <p>It is judged in local time, so a window keeps its wall-clock hours across a daylight saving change.
 */
public record MaintenanceWindow(
        @Size(max = 7) List<@NotNull DayOfWeek> weekdays,
        @Size(max = 31) List<@NotNull @Min(-31) @Max(31) Integer> daysOfMonth,
        @Size(max = 12) List<@NotNull Month> months,
        @NotNull @Pattern(regexp = "^([01][0-9]|2[0-3]):[0-5][0-9]$") String startTime,
        @NotNull @Pattern(regexp = "^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$") String endTime,
        @Size(max = 64) String timeZone) {

    private static final String MIDNIGHT = "24:00";

    /** The window with its lists never null and its time zone named ({@code zone} when none was given). */
    MaintenanceWindow normalized(ZoneId zone) {
        return new MaintenanceWindow(orEmpty(weekdays), orEmpty(daysOfMonth), orEmpty(months), startTime, endTime,
                timeZone == null || timeZone.isBlank() ? zone.getId() : timeZone);
    }

    /** Whether the instant falls inside the window, in its time zone's local time. */
    public boolean contains(Instant instant) {
        ZonedDateTime local = instant.atZone(ZoneId.of(timeZone));
        return (months.isEmpty() || months.contains(local.getMonth()))
                && (weekdays.isEmpty() || weekdays.contains(local.getDayOfWeek()))
                && (daysOfMonth.isEmpty() || daysOfMonth.stream().anyMatch(day -> isDay(local, day)))
                && inTimeOfDay(local.toLocalTime());
    }

    private boolean inTimeOfDay(LocalTime time) {
        return !time.isBefore(LocalTime.parse(startTime))
                && (MIDNIGHT.equals(endTime) || time.isBefore(LocalTime.parse(endTime)));
    }

    /** Day {@code day} of the month, or for a negative one that many days from its end (-1 is the last). */
    private static boolean isDay(ZonedDateTime local, int day) {
        int length = local.toLocalDate().lengthOfMonth();
        return local.getDayOfMonth() == (day > 0 ? day : length + day + 1);
    }

    /** Whether the end lies after the start on the same day (a window does not run past midnight). */
    boolean endsAfterStart() {
        return MIDNIGHT.equals(endTime) || LocalTime.parse(endTime).isAfter(LocalTime.parse(startTime));
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
