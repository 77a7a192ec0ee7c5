package io.topline.drivers.organisation;

import io.topline.chassis.calendar.FiscalCalendar;
import io.topline.chassis.problem.Problem;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A file's {@code calendar} block against the suite's calendar: a file may repeat it (an export does) but never change
 * it, because a different calendar would give every stored period another label.
 */
final class CalendarCheck {

    private static final String SET_AT_INSTALLATION = "; the calendar is set at installation "
            + "(TOPLINE_TIME_ZONE, TOPLINE_WEEK_START, TOPLINE_FISCAL_YEAR_START_MONTH), not by a file";

    private CalendarCheck() {
    }

    /** One violation per field of {@code file} that differs from {@code suite}; none when the file has no block. */
    static List<Problem.Violation> differences(CalendarDefinition file, FiscalCalendar suite) {
        List<Problem.Violation> violations = new ArrayList<>();
        if (file == null) {
            return violations;
        }
        if (file.timeZone() != null && !sameZone(file.timeZone(), suite.zone())) {
            violations.add(differs("timeZone", file.timeZone(), suite.zone().getId()));
        }
        if (file.weekStart() != null && file.weekStart() != suite.weekStart()) {
            violations.add(differs("weekStart", file.weekStart(), suite.weekStart()));
        }
        if (file.fiscalYearStartMonth() != null && file.fiscalYearStartMonth() != suite.fiscalYearStartMonth()) {
            violations.add(differs("fiscalYearStartMonth", file.fiscalYearStartMonth(), suite.fiscalYearStartMonth()));
        }
        return violations;
    }

    /** Whether {@code text} names {@code zone} or a zone with the same rules (UTC, Etc/UTC and Z are one). */
    private static boolean sameZone(String text, ZoneId zone) {
        try {
            return Objects.equals(ZoneId.of(text).normalized(), zone.normalized());
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static Problem.Violation differs(String field, Object file, Object suite) {
        return new Problem.Violation("calendar." + field, "is " + file + " but the suite's calendar has " + suite
                + SET_AT_INSTALLATION);
    }
}
