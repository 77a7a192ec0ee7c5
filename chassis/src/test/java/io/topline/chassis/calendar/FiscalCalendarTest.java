package io.topline.chassis.calendar;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FiscalCalendarTest {

    private static final FiscalCalendar ISO = FiscalCalendar.isoUtc();
    private static final FiscalCalendar APRIL_SUNDAY = FiscalCalendar.of(ZoneOffset.UTC, DayOfWeek.SUNDAY, 4);

    @Test
    void shouldLabelIsoPeriodsWithTheDefaults() {
        LocalDate thursday = LocalDate.of(2026, 11, 26);
        assertEquals(List.of("2026-W48", "2026-11", "2026-Q4", "2026"), labels(ISO, thursday));
        assertEquals(LocalDate.of(2026, 11, 23), ISO.containing(CalendarUnit.WEEK, thursday).firstDay());
        // 1 January 2027 is a Friday: the last ISO week of 2026
        assertEquals("2026-W53", ISO.containing(CalendarUnit.WEEK, LocalDate.of(2027, 1, 1)).label());
        assertEquals("2027-W01", ISO.parse(CalendarUnit.WEEK, "2026-W53").orElseThrow().next().label());
    }

    @Test
    void shouldStartFiscalQuartersInTheFiscalStartMonthAndNameTheYearByItsEnd() {
        assertEquals(List.of("2027-Q1", "2027-Q1", "2027-Q4", "2027-Q4", "2028-Q1"),
                Stream.of(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 6, 30), LocalDate.of(2027, 1, 1),
                                LocalDate.of(2027, 3, 31), LocalDate.of(2027, 4, 1))
                        .map(day -> APRIL_SUNDAY.containing(CalendarUnit.QUARTER, day).label()).toList());
        CalendarPeriod q3 = APRIL_SUNDAY.parse(CalendarUnit.QUARTER, "2027-Q3").orElseThrow();
        assertEquals(new CalendarPeriod(CalendarUnit.QUARTER, LocalDate.of(2026, 10, 1), APRIL_SUNDAY), q3);
        assertEquals(LocalDate.of(2027, 1, 1), q3.endDay());
        assertEquals("2027-Q4", q3.next().label());
        assertEquals("2028-Q1", q3.next().next().label());
        assertEquals("2027-Q2", q3.previous().label());
        CalendarPeriod year = APRIL_SUNDAY.parse(CalendarUnit.YEAR, "2027").orElseThrow();
        assertEquals(List.of(LocalDate.of(2026, 4, 1), LocalDate.of(2027, 4, 1)),
                List.of(year.firstDay(), year.endDay()));
        // months keep their calendar labels
        assertEquals("2027-01", APRIL_SUNDAY.containing(CalendarUnit.MONTH, LocalDate.of(2027, 1, 15)).label());
        // a fiscal year from February ends in the next calendar year, January stays in the one before
        FiscalCalendar february = FiscalCalendar.of(ZoneOffset.UTC, DayOfWeek.MONDAY, 2);
        assertEquals("2026-Q4", february.containing(CalendarUnit.QUARTER, LocalDate.of(2026, 1, 31)).label());
        assertEquals("2027-Q1", february.containing(CalendarUnit.QUARTER, LocalDate.of(2026, 2, 1)).label());
    }

    @Test
    void shouldStartWeeksOnSundayAroundNewYear() {
        // Sunday 28 December 2025 to Saturday 3 January 2026 has only three days of 2026: the last week of 2025
        CalendarPeriod lastOf2025 = APRIL_SUNDAY.containing(CalendarUnit.WEEK, LocalDate.of(2026, 1, 3));
        assertEquals(LocalDate.of(2025, 12, 28), lastOf2025.firstDay());
        assertEquals("2025-W53", lastOf2025.label());
        assertEquals("2025-W52", APRIL_SUNDAY.containing(CalendarUnit.WEEK, LocalDate.of(2025, 12, 27)).label());
        CalendarPeriod weekOne = APRIL_SUNDAY.containing(CalendarUnit.WEEK, LocalDate.of(2026, 1, 4));
        assertEquals(List.of("2026-W01", LocalDate.of(2026, 1, 4), LocalDate.of(2026, 1, 11)),
                List.of(weekOne.label(), weekOne.firstDay(), weekOne.endDay()));
        // the ISO week holding 3 January is already 2026-W01: Monday 29 December 2025 to Sunday 4 January 2026
        assertEquals("2026-W01", ISO.containing(CalendarUnit.WEEK, LocalDate.of(2026, 1, 3)).label());
        // Sunday 27 December 2026 to Saturday 2 January 2027 has five days of 2026: 2026 has 52 Sunday weeks
        assertEquals("2026-W52", APRIL_SUNDAY.containing(CalendarUnit.WEEK, LocalDate.of(2027, 1, 2)).label());
        assertEquals("2027-W01", APRIL_SUNDAY.containing(CalendarUnit.WEEK, LocalDate.of(2027, 1, 3)).label());
        assertEquals(Optional.empty(), APRIL_SUNDAY.parse(CalendarUnit.WEEK, "2026-W53"));
        assertEquals(lastOf2025, APRIL_SUNDAY.parse(CalendarUnit.WEEK, "2025-W53").orElseThrow());
        assertEquals(weekOne, lastOf2025.next());
    }

    @Test
    void shouldBoundPeriodsAcrossDaylightSavingTimeInTheZone() {
        FiscalCalendar berlin = FiscalCalendar.of(ZoneId.of("Europe/Berlin"), DayOfWeek.SUNDAY, 4);
        // the week of 29 March 2026 loses an hour: clocks go from 02:00 to 03:00 that Sunday
        CalendarPeriod week = berlin.containing(CalendarUnit.WEEK, Instant.parse("2026-03-29T12:00:00Z"));
        assertEquals(List.of(Instant.parse("2026-03-28T23:00:00Z"), Instant.parse("2026-04-04T22:00:00Z")),
                List.of(week.start(), week.end()));
        // 30 June 23:30 UTC is already the fiscal 2027-Q2 in Berlin, yet still Q1 in UTC
        Instant lateJune = Instant.parse("2026-06-30T23:30:00Z");
        assertEquals("2027-Q2", berlin.containing(CalendarUnit.QUARTER, lateJune).label());
        assertEquals("2027-Q1", APRIL_SUNDAY.containing(CalendarUnit.QUARTER, lateJune).label());
        CalendarPeriod q1 = berlin.parse(CalendarUnit.QUARTER, "2027-Q1").orElseThrow();
        assertEquals(List.of(Instant.parse("2026-03-31T22:00:00Z"), Instant.parse("2026-06-30T22:00:00Z")),
                List.of(q1.start(), q1.end()));
        assertTrue(q1.contains(q1.start()) && !q1.contains(q1.end()));
        // a zone whose midnight is skipped starts the day at the first instant that exists
        FiscalCalendar santiago = FiscalCalendar.of(ZoneId.of("America/Santiago"), DayOfWeek.SUNDAY, 1);
        assertEquals(Instant.parse("2026-09-06T04:00:00Z"),
                santiago.containing(CalendarUnit.WEEK, LocalDate.of(2026, 9, 6)).start());
    }

    @Test
    void shouldRoundTripEveryLabelAndRefuseLabelsThatNameNoPeriod() {
        for (FiscalCalendar calendar : List.of(ISO, APRIL_SUNDAY,
                FiscalCalendar.of(ZoneId.of("Pacific/Auckland"), DayOfWeek.SATURDAY, 7))) {
            for (CalendarUnit unit : CalendarUnit.values()) {
                CalendarPeriod period = calendar.containing(unit, LocalDate.of(2020, 1, 1));
                for (int i = 0; i < 600; i++, period = period.next()) {
                    assertEquals(Optional.of(period), calendar.parse(unit, period.label()), calendar + " " + period);
                    assertEquals(period, calendar.containing(unit, period.start()));
                    assertEquals(period, calendar.containing(unit, period.endDay().minusDays(1)));
                    assertEquals(period, period.next().previous());
                }
            }
        }
        assertEquals(Optional.empty(), ISO.parse(CalendarUnit.WEEK, "2025-W53"));
        assertEquals(Optional.empty(), ISO.parse(CalendarUnit.WEEK, "2026-W00"));
        assertEquals(Optional.empty(), ISO.parse(CalendarUnit.WEEK, "2026-11"));
        assertEquals(Optional.empty(), ISO.parse(CalendarUnit.MONTH, "2026-13"));
        assertEquals(Optional.empty(), ISO.parse(CalendarUnit.QUARTER, "2026-Q5"));
        assertEquals(Optional.empty(), ISO.parse(CalendarUnit.YEAR, "26"));
        assertEquals(Optional.empty(), ISO.parse(CalendarUnit.MONTH, null));
        assertEquals("2026-Q4", ISO.parse("2026-Q4").orElseThrow().label());
        assertEquals(CalendarUnit.WEEK, ISO.parse("2026-W48").orElseThrow().unit());
    }

    @Test
    void shouldGiveEachCalendarItsOwnPeriodOfALabelParsedBefore() {
        // parsed periods are kept: a label parsed in one calendar must not answer for another
        for (int round = 0; round < 2; round++) {
            assertEquals(LocalDate.of(2026, 1, 1), ISO.parse(CalendarUnit.QUARTER, "2026-Q1").orElseThrow().firstDay());
            assertEquals(LocalDate.of(2025, 4, 1),
                    APRIL_SUNDAY.parse(CalendarUnit.QUARTER, "2026-Q1").orElseThrow().firstDay());
            assertEquals(Optional.empty(), ISO.parse(CalendarUnit.MONTH, "2026-Q1"));
            assertEquals(Optional.empty(), ISO.parse(CalendarUnit.WEEK, "2026-W54"));
        }
    }

    @Test
    void shouldRefuseAFiscalStartMonthThatIsNoMonth() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> FiscalCalendar.of(ZoneOffset.UTC, DayOfWeek.MONDAY, 13));
        assertEquals("the fiscal year start month must be a month from 1 to 12, not 13", refused.getMessage());
    }

    private static List<String> labels(FiscalCalendar calendar, LocalDate day) {
        return Stream.of(CalendarUnit.values()).map(unit -> calendar.containing(unit, day).label()).toList();
    }
}
