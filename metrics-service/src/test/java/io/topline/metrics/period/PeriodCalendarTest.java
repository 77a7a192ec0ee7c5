package io.topline.metrics.period;

import io.topline.chassis.calendar.FiscalCalendar;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PeriodCalendarTest {

    private final PeriodCalendar utc = new PeriodCalendar(FiscalCalendar.iso(ZoneId.of("UTC")));
    private final PeriodCalendar berlin = new PeriodCalendar(FiscalCalendar.iso(ZoneId.of("Europe/Berlin")));

    @Test
    void shouldNameIsoWeeksMonthsAndQuartersInTheOrganisationZone() {
        Instant thursday = Instant.parse("2026-11-26T12:00:00Z");
        assertEquals(new Period(Cadence.WEEKLY, "2026-W48", Instant.parse("2026-11-23T00:00:00Z"),
                Instant.parse("2026-11-30T00:00:00Z")), utc.periodOf(Cadence.WEEKLY, thursday));
        assertEquals("2026-11", utc.periodOf(Cadence.MONTHLY, thursday).label());
        assertEquals(new Period(Cadence.QUARTERLY, "2026-Q4", Instant.parse("2026-10-01T00:00:00Z"),
                Instant.parse("2027-01-01T00:00:00Z")), utc.periodOf(Cadence.QUARTERLY, thursday));
        // 1 January 2027 is a Friday: it belongs to the last ISO week of 2026
        assertEquals("2026-W53", utc.periodOf(Cadence.WEEKLY, Instant.parse("2027-01-01T10:00:00Z")).label());
        // 23:30 UTC on 30 November is already December in Berlin
        Instant lateNovember = Instant.parse("2026-11-30T23:30:00Z");
        assertEquals("2026-11", utc.periodOf(Cadence.MONTHLY, lateNovember).label());
        assertEquals("2026-12", berlin.periodOf(Cadence.MONTHLY, lateNovember).label());
        assertEquals(Instant.parse("2026-11-30T23:00:00Z"), berlin.periodOf(Cadence.MONTHLY, lateNovember).start());
    }

    @Test
    void shouldParseLabelsOfTheirCadenceOnly() {
        assertEquals(utc.periodOf(Cadence.WEEKLY, Instant.parse("2026-11-26T12:00:00Z")),
                utc.parse(Cadence.WEEKLY, "2026-W48").orElseThrow());
        assertEquals(Instant.parse("2026-10-01T00:00:00Z"), utc.parse(Cadence.QUARTERLY, "2026-Q4").orElseThrow().start());
        assertTrue(utc.parse(Cadence.WEEKLY, "2026-11").isEmpty());
        assertTrue(utc.parse(Cadence.WEEKLY, "2025-W53").isEmpty());
        assertTrue(utc.parse(Cadence.MONTHLY, "2026-13").isEmpty());
        assertTrue(utc.parse(Cadence.QUARTERLY, "2026-Q5").isEmpty());
    }
}
