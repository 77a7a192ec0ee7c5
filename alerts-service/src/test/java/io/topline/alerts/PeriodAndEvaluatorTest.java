package io.topline.alerts;

import io.topline.alerts.evaluation.EvaluationStatus;
import io.topline.alerts.evaluation.Evaluator;
import io.topline.alerts.evaluation.Judgement;
import io.topline.alerts.period.Cadence;
import io.topline.alerts.period.Period;
import io.topline.chassis.calendar.FiscalCalendar;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class PeriodAndEvaluatorTest {

    @Test
    void shouldNameCalendarPeriodsInTheOrganisationTimeZone() {
        FiscalCalendar utc = FiscalCalendar.iso(ZoneId.of("UTC"));
        FiscalCalendar berlin = FiscalCalendar.iso(ZoneId.of("Europe/Berlin"));
        assertEquals("2026-W48", Period.containing(utc, Cadence.WEEKLY, LocalDate.of(2026, 11, 26)).label());
        assertEquals("2026-W53", Period.containing(utc, Cadence.WEEKLY, LocalDate.of(2027, 1, 1)).label());
        assertEquals("2026-11", Period.containing(utc, Cadence.MONTHLY, Instant.parse("2026-11-30T23:30:00Z")).label());
        assertEquals("2026-12",
                Period.containing(berlin, Cadence.MONTHLY, Instant.parse("2026-11-30T23:30:00Z")).label());
        assertEquals("2026-Q4", Period.parse(utc, Cadence.QUARTERLY, "2026-Q4").label());
        assertEquals(Instant.parse("2026-11-22T23:00:00Z"), Period.parse(berlin, Cadence.WEEKLY, "2026-W48").start());
        assertEquals("2027-W01", Period.parse(utc, Cadence.WEEKLY, "2026-W53").next().label());
        assertFalse(Period.isValid(utc, Cadence.WEEKLY, "2026-11"));
        assertFalse(Period.isValid(utc, Cadence.WEEKLY, "2025-W53"));
        assertFalse(Period.isValid(utc, Cadence.MONTHLY, "2026-13"));
    }

    @Test
    void shouldJudgeBothDirectionsIncludingTwoStateTargets() {
        assertEquals(EvaluationStatus.MET, Evaluator.judge(dec("95"), true, dec("95"), dec("90")));
        assertEquals(EvaluationStatus.AT_RISK, Evaluator.judge(dec("92"), true, dec("95"), dec("90")));
        assertEquals(EvaluationStatus.MISSED, Evaluator.judge(dec("90"), true, dec("95"), dec("90")));
        assertEquals(EvaluationStatus.MET, Evaluator.judge(dec("30"), false, dec("30"), dec("45")));
        assertEquals(EvaluationStatus.MISSED, Evaluator.judge(dec("45"), false, dec("30"), dec("45")));
        assertEquals(EvaluationStatus.MET, Evaluator.judge(dec("50"), true, dec("50"), dec("50")));
        assertEquals(EvaluationStatus.MISSED, Evaluator.judge(dec("49"), true, dec("50"), dec("50")));
    }

    @Test
    void shouldProjectRunningTotalsByPaceOnlyAfterTheMinimumShare() {
        Instant start = Instant.parse("2026-11-23T00:00:00Z");
        Instant end = Instant.parse("2026-11-30T00:00:00Z");
        Judgement early = Evaluator.provisional(dec("5"), true, true, dec("100"), dec("80"), start, end,
                Instant.parse("2026-11-23T12:00:00Z"), 0.2);
        assertEquals(EvaluationStatus.AT_RISK, early.status());
        assertNull(early.projection());
        Judgement half = Evaluator.provisional(dec("35"), true, true, dec("100"), dec("80"), start, end,
                Instant.parse("2026-11-26T12:00:00Z"), 0.2);
        assertEquals(new Judgement(EvaluationStatus.MISSED, dec("70")), half);
        Judgement current = Evaluator.provisional(dec("88"), false, true, dec("95"), dec("90"), start, end,
                Instant.parse("2026-11-23T01:00:00Z"), 0.2);
        assertEquals(new Judgement(EvaluationStatus.MISSED, dec("88")), current);
    }

    private static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }
}
