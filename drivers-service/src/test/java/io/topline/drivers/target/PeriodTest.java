package io.topline.drivers.target;

import io.topline.chassis.calendar.CalendarPeriod;
import io.topline.chassis.calendar.CalendarUnit;
import io.topline.chassis.calendar.FiscalCalendar;
import io.topline.drivers.measure.Cadence;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ISO weeks, months and quarters: parsing, first days and the period of a day. */
class PeriodTest {

    private static final FiscalCalendar ISO = FiscalCalendar.isoUtc();

    @Test
    void shouldReadEveryCadenceAndRefuseImpossiblePeriods() {
        assertEquals(period(Cadence.WEEKLY, CalendarUnit.WEEK, LocalDate.of(2026, 11, 23)), Period.parse(ISO, "2026-W48"));
        assertEquals(period(Cadence.MONTHLY, CalendarUnit.MONTH, LocalDate.of(2026, 11, 1)), Period.parse(ISO, "2026-11"));
        assertEquals(period(Cadence.QUARTERLY, CalendarUnit.QUARTER, LocalDate.of(2026, 10, 1)), Period.parse(ISO, "2026-Q4"));
        assertTrue(Period.parse(ISO, "2026-W53").isPresent(), "2026 has 53 ISO weeks");
        assertTrue(Period.parse(ISO, "2025-W53").isEmpty(), "2025 has 52 ISO weeks");
        assertTrue(Period.parse(ISO, "2026-13").isEmpty());
        assertTrue(Period.parse(ISO, "2026-Q5").isEmpty());
        assertTrue(Period.parse(ISO, "2026-W00").isEmpty());
        assertTrue(Period.parse(ISO, "26-11").isEmpty());
        assertTrue(Period.parse(ISO, null).isEmpty());
    }

    @Test
    void shouldStartPeriodsOnTheirFirstDayAndFindThePeriodOfADay() {
        assertEquals(LocalDate.of(2026, 11, 23), Period.parse(ISO, "2026-W48").orElseThrow().start());
        assertEquals(LocalDate.of(2025, 12, 29), Period.parse(ISO, "2026-W01").orElseThrow().start());
        assertEquals(LocalDate.of(2026, 10, 1), Period.parse(ISO, "2026-Q4").orElseThrow().start());
        assertEquals("2026-W01", Period.containing(ISO, Cadence.WEEKLY, LocalDate.of(2026, 1, 1)).toString());
        assertEquals("2026-W53", Period.containing(ISO, Cadence.WEEKLY, LocalDate.of(2027, 1, 3)).toString());
        assertEquals("2026-11", Period.containing(ISO, Cadence.MONTHLY, LocalDate.of(2026, 11, 26)).toString());
        assertEquals("2026-Q4", Period.containing(ISO, Cadence.QUARTERLY, LocalDate.of(2026, 11, 26)).toString());
    }

    private static Optional<Period> period(Cadence cadence, CalendarUnit unit, LocalDate firstDay) {
        return Optional.of(new Period(cadence, new CalendarPeriod(unit, firstDay, ISO)));
    }
}
