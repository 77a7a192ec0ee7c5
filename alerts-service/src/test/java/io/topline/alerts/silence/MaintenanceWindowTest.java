package io.topline.alerts.silence;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Maintenance windows judged in local time: across the start of summer time, and days counted from the month's end. */
class MaintenanceWindowTest {

    @Test
    void shouldKeepItsLocalHoursAcrossTheStartOfSummerTimeInBerlin() {
        // Sunday 29 March 2026: Berlin's clocks jump from 02:00 CET to 03:00 CEST (01:00 UTC)
        MaintenanceWindow window = new MaintenanceWindow(List.of(DayOfWeek.SUNDAY), List.of(), List.of(Month.MARCH),
                "01:00", "04:00", null).normalized(ZoneId.of("Europe/Berlin"));
        assertEquals(List.of(false, true, true, true, false), List.of(
                window.contains(Instant.parse("2026-03-28T23:59:00Z")), // 00:59 CET
                window.contains(Instant.parse("2026-03-29T00:00:00Z")), // 01:00 CET
                window.contains(Instant.parse("2026-03-29T00:59:00Z")), // 01:59 CET, then 03:00 CEST
                window.contains(Instant.parse("2026-03-29T01:59:00Z")), // 03:59 CEST (02:59 with a fixed offset)
                window.contains(Instant.parse("2026-03-29T02:00:00Z")))); // 04:00 CEST: the end is exclusive
    }

    @Test
    void shouldCountNegativeDaysFromTheMonthsEndAndAdmitMidnightAsTheEnd() {
        MaintenanceWindow lastDay = new MaintenanceWindow(List.of(), List.of(-1), List.of(), "22:00", "24:00", null).normalized(ZoneOffset.UTC);
        assertEquals(List.of(true, true, false, false), List.of(
                lastDay.contains(Instant.parse("2026-02-28T22:00:00Z")),
                lastDay.contains(Instant.parse("2026-02-28T23:59:59Z")),
                lastDay.contains(Instant.parse("2026-03-01T00:00:00Z")),
                lastDay.contains(Instant.parse("2026-03-30T23:00:00Z"))));
        assertFalse(new MaintenanceWindow(List.of(), List.of(), List.of(), "05:00", "02:00", "UTC")
                .endsAfterStart());
    }
}
