package io.topline.alerts.period;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A calendar period of a cadence ({@code 2026-W48}, {@code 2026-11}, {@code 2026-Q4}), identified by its first day.
 *
 * <p>Periods are dates, not instants: the organisation time zone turns them into instants only when needed.
 */
public record Period(Cadence cadence, LocalDate firstDay) implements Comparable<Period> {

    private static final Pattern WEEK = Pattern.compile("^(\\d{4})-W(\\d{2})$");
    private static final Pattern MONTH = Pattern.compile("^(\\d{4})-(\\d{2})$");
    private static final Pattern QUARTER = Pattern.compile("^(\\d{4})-Q([1-4])$");

    /** The period of {@code cadence} that holds {@code day}. */
    public static Period containing(Cadence cadence, LocalDate day) {
        return switch (cadence) {
            case WEEKLY -> new Period(cadence, day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
            case MONTHLY -> new Period(cadence, day.withDayOfMonth(1));
            case QUARTERLY -> new Period(cadence, day.with(IsoFields.DAY_OF_QUARTER, 1));
        };
    }

    /** The period of {@code cadence} that holds {@code instant} in {@code zone}. */
    public static Period containing(Cadence cadence, Instant instant, ZoneId zone) {
        return containing(cadence, instant.atZone(zone).toLocalDate());
    }

    /** Parses a label of {@code cadence}; a label of another cadence is refused. */
    public static Period parse(Cadence cadence, String label) {
        if (label == null) {
            throw new IllegalArgumentException("period is missing");
        }
        Period period = switch (cadence) {
            case WEEKLY -> parseWeek(label);
            case MONTHLY -> parseMonth(label);
            case QUARTERLY -> parseQuarter(label);
        };
        if (period == null) {
            throw new IllegalArgumentException("'" + label + "' is not a " + cadence.name().toLowerCase() + " period");
        }
        return period;
    }

    /** The week {@code label} names, or null; week 53 of a 52-week year rolls over and so prints another label. */
    private static Period parseWeek(String label) {
        Matcher matcher = WEEK.matcher(label);
        if (!matcher.matches()) {
            return null;
        }
        int year = Integer.parseInt(matcher.group(1));
        int week = Integer.parseInt(matcher.group(2));
        LocalDate day = LocalDate.of(year, 1, 4).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week);
        Period period = containing(Cadence.WEEKLY, day);
        return period.label().equals(label) ? period : null;
    }

    private static Period parseMonth(String label) {
        Matcher matcher = MONTH.matcher(label);
        if (!matcher.matches()) {
            return null;
        }
        int month = Integer.parseInt(matcher.group(2));
        if (month < 1 || month > 12) {
            return null;
        }
        return new Period(Cadence.MONTHLY, LocalDate.of(Integer.parseInt(matcher.group(1)), month, 1));
    }

    private static Period parseQuarter(String label) {
        Matcher matcher = QUARTER.matcher(label);
        if (!matcher.matches()) {
            return null;
        }
        int quarter = Integer.parseInt(matcher.group(2));
        return new Period(Cadence.QUARTERLY, LocalDate.of(Integer.parseInt(matcher.group(1)), quarter * 3 - 2, 1));
    }

    /** Whether {@code label} names a period of {@code cadence}. */
    public static boolean isValid(Cadence cadence, String label) {
        try {
            parse(cadence, label);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public String label() {
        // plain concatenation: the scorecard builds thousands of labels per call and String.format dominated it
        return switch (cadence) {
            case WEEKLY -> year(firstDay.get(IsoFields.WEEK_BASED_YEAR)) + "-W"
                    + twoDigits(firstDay.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTHLY -> year(firstDay.getYear()) + "-" + twoDigits(firstDay.getMonthValue());
            case QUARTERLY -> year(firstDay.getYear()) + "-Q" + firstDay.get(IsoFields.QUARTER_OF_YEAR);
        };
    }

    private static String year(int year) {
        String digits = Integer.toString(year);
        return digits.length() >= 4 ? digits : "0".repeat(4 - digits.length()) + digits;
    }

    private static String twoDigits(int value) {
        return value < 10 ? "0" + value : Integer.toString(value);
    }

    public Period next() {
        return new Period(cadence, switch (cadence) {
            case WEEKLY -> firstDay.plusWeeks(1);
            case MONTHLY -> firstDay.plusMonths(1);
            case QUARTERLY -> firstDay.plusMonths(3);
        });
    }

    public Period previous() {
        return new Period(cadence, switch (cadence) {
            case WEEKLY -> firstDay.minusWeeks(1);
            case MONTHLY -> firstDay.minusMonths(1);
            case QUARTERLY -> firstDay.minusMonths(3);
        });
    }

    public Instant start(ZoneId zone) {
        return firstDay.atStartOfDay(zone).toInstant();
    }

    /** The first instant after the period (exclusive end). */
    public Instant end(ZoneId zone) {
        return next().start(zone);
    }

    @Override
    public int compareTo(Period other) {
        return firstDay.compareTo(other.firstDay);
    }

    @Override
    public String toString() {
        return label();
    }
}
