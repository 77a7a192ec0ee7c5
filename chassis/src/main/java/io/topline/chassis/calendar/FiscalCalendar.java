package io.topline.chassis.calendar;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.time.temporal.WeekFields;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A calendar of weeks, months, quarters and years in one time zone, with a week start day and a fiscal year start
 * month; with Monday and January it is the ISO calendar ({@code 2026-W48}, {@code 2026-11}, {@code 2026-Q4},
 * {@code 2026}).
 *
 * <p>Weeks start on {@code weekStart} and are numbered like ISO weeks ({@code WeekFields.of(weekStart, 4)}: week 1
 * is the first with at least four days of the new year), labelled with their week-based year. Months keep their
 * calendar labels. The fiscal year starts on the first of {@code fiscalYearStartMonth}, its first quarter with it,
 * and it is labelled by the calendar year in which it ends: from April, 2026-04-01 to 2027-03-31 is {@code 2027}
 * and its quarters are {@code 2027-Q1} to {@code 2027-Q4}.
 */
public record FiscalCalendar(ZoneId zone, DayOfWeek weekStart, int fiscalYearStartMonth) {

    private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    /** The week fields of each start day, looked up once: a scorecard labels thousands of weeks per call. */
    private static final WeekFields[] WEEK_FIELDS = Stream.of(DayOfWeek.values())
            .map(day -> WeekFields.of(day, 4)).toArray(WeekFields[]::new);
    /**
     * Periods parsed before, by calendar, unit and label: a target's effective period is parsed for every period a
     * scorecard row or a closing round judges (a regular expression and, for a week, its label again each time).
     * Only labels that name a period are kept, and the map is emptied when it grows past {@link #PARSED_MAX}, so
     * labels from hostile input cannot fill the memory.
     */
    private static final Map<ParseKey, CalendarPeriod> PARSED = new ConcurrentHashMap<>();
    /** Far more than the labels in use: 53 weeks, 12 months and 4 quarters of each of a few dozen years. */
    private static final int PARSED_MAX = 16_384;

    /** What a parse depends on: the calendar, the unit and the label. */
    private record ParseKey(FiscalCalendar calendar, CalendarUnit unit, String label) {
    }

    public FiscalCalendar {
        Objects.requireNonNull(zone, "time zone");
        Objects.requireNonNull(weekStart, "week start");
        if (fiscalYearStartMonth < 1 || fiscalYearStartMonth > 12) {
            throw new IllegalArgumentException("the fiscal year start month must be a month from 1 to 12, not "
                    + fiscalYearStartMonth);
        }
    }

    public static FiscalCalendar of(ZoneId zone, DayOfWeek weekStart, int fiscalYearStartMonth) {
        return new FiscalCalendar(zone, weekStart, fiscalYearStartMonth);
    }

    /** The ISO calendar (Monday weeks, calendar quarters) in {@code zone}. */
    public static FiscalCalendar iso(ZoneId zone) {
        return new FiscalCalendar(zone, DayOfWeek.MONDAY, 1);
    }

    /** The ISO calendar in UTC, the default of every service (the zone named {@code UTC}, as configured). */
    public static FiscalCalendar isoUtc() {
        return iso(ZoneId.of("UTC"));
    }

    /** An example label of {@code unit}, for explanations. */
    public static String example(CalendarUnit unit) {
        return switch (unit) {
            case WEEK -> "2026-W48";
            case MONTH -> "2026-11";
            case QUARTER -> "2026-Q4";
            case YEAR -> "2026";
        };
    }

    /** How weeks are numbered: from {@code weekStart}, week 1 the first with at least four days of the year. */
    public WeekFields weekFields() {
        return WEEK_FIELDS[weekStart.ordinal()];
    }

    /** The period of {@code unit} that holds {@code day}. */
    public CalendarPeriod containing(CalendarUnit unit, LocalDate day) {
        LocalDate first = switch (unit) {
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(weekStart));
            case MONTH -> day.withDayOfMonth(1);
            case QUARTER -> fiscalYearStart(day).plusMonths(monthsIntoFiscalYear(day) / 3 * 3L);
            case YEAR -> fiscalYearStart(day);
        };
        return new CalendarPeriod(unit, first, this);
    }

    /** The period of {@code unit} that holds {@code instant} in the calendar's zone. */
    public CalendarPeriod containing(CalendarUnit unit, Instant instant) {
        return containing(unit, instant.atZone(zone).toLocalDate());
    }

    /** The period of {@code unit} open now: the one that holds the clock's instant. */
    public CalendarPeriod current(CalendarUnit unit, Clock clock) {
        return containing(unit, clock.instant());
    }

    /** The period of {@code unit} that {@code label} names; empty when it names none (or one of another unit). */
    public Optional<CalendarPeriod> parse(CalendarUnit unit, String label) {
        if (label == null) {
            return Optional.empty();
        }
        ParseKey key = new ParseKey(this, unit, label);
        CalendarPeriod parsed = PARSED.get(key);
        if (parsed == null) {
            parsed = parseUncached(unit, label);
            if (parsed != null) {
                if (PARSED.size() >= PARSED_MAX) {
                    PARSED.clear();
                }
                PARSED.put(key, parsed);
            }
        }
        return Optional.ofNullable(parsed);
    }

    private CalendarPeriod parseUncached(CalendarUnit unit, String label) {
        try {
            return switch (unit) {
                case WEEK -> parseWeek(label);
                case MONTH -> parseMonth(label);
                case QUARTER -> parseQuarter(label);
                case YEAR -> parseYear(label);
            };
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The period of whichever unit {@code label} names: the labels of the units never look alike. */
    public Optional<CalendarPeriod> parse(String label) {
        for (CalendarUnit unit : CalendarUnit.values()) {
            Optional<CalendarPeriod> period = parse(unit, label);
            if (period.isPresent()) {
                return period;
            }
        }
        return Optional.empty();
    }

    /** The first instant of {@code day} in the calendar's zone (after a gap, the first that exists). */
    public Instant startOf(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }

    /** The label of the period of {@code unit} that starts on {@code first}. */
    String label(CalendarUnit unit, LocalDate first) {
        // plain concatenation: a scorecard builds thousands of labels per call and String.format dominated it
        return switch (unit) {
            case WEEK -> year(first.get(weekFields().weekBasedYear())) + "-W"
                    + twoDigits(first.get(weekFields().weekOfWeekBasedYear()));
            case MONTH -> year(first.getYear()) + "-" + twoDigits(first.getMonthValue());
            case QUARTER -> year(fiscalYear(first)) + "-Q" + (monthsIntoFiscalYear(first) / 3 + 1);
            case YEAR -> year(fiscalYear(first));
        };
    }

    /** The first day of the period of {@code unit} after the one that starts on {@code first}. */
    LocalDate plus(CalendarUnit unit, LocalDate first, int periods) {
        return switch (unit) {
            case WEEK -> first.plusWeeks(periods);
            case MONTH -> first.plusMonths(periods);
            case QUARTER -> first.plusMonths(3L * periods);
            case YEAR -> first.plusYears(periods);
        };
    }

    private LocalDate fiscalYearStart(LocalDate day) {
        int year = day.getMonthValue() >= fiscalYearStartMonth ? day.getYear() : day.getYear() - 1;
        return LocalDate.of(year, fiscalYearStartMonth, 1);
    }

    /** The fiscal year of {@code day}: the calendar year in which its fiscal year ends. */
    private int fiscalYear(LocalDate day) {
        int startYear = fiscalYearStart(day).getYear();
        return fiscalYearStartMonth == 1 ? startYear : startYear + 1;
    }

    private int monthsIntoFiscalYear(LocalDate day) {
        return (day.getMonthValue() - fiscalYearStartMonth + 12) % 12;
    }

    private LocalDate firstDayOfFiscalYear(int fiscalYear) {
        return LocalDate.of(fiscalYearStartMonth == 1 ? fiscalYear : fiscalYear - 1, fiscalYearStartMonth, 1);
    }

    /** The week {@code label} names, or null; week 53 of a 52-week year would print another label, so it is none. */
    private CalendarPeriod parseWeek(String label) {
        Matcher m = WEEK.matcher(label);
        if (!m.matches() || Integer.parseInt(m.group(2)) < 1) {
            return null;
        }
        // 4 January always lies in week 1 when week 1 is the first with at least four days of January
        LocalDate weekOne = LocalDate.of(Integer.parseInt(m.group(1)), 1, 4)
                .with(TemporalAdjusters.previousOrSame(weekStart));
        CalendarPeriod week = new CalendarPeriod(CalendarUnit.WEEK,
                weekOne.plusWeeks(Integer.parseInt(m.group(2)) - 1L), this);
        return week.label().equals(label) ? week : null;
    }

    private CalendarPeriod parseMonth(String label) {
        Matcher m = MONTH.matcher(label);
        if (!m.matches()) {
            return null;
        }
        return new CalendarPeriod(CalendarUnit.MONTH,
                LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), 1), this);
    }

    private CalendarPeriod parseQuarter(String label) {
        Matcher m = QUARTER.matcher(label);
        if (!m.matches()) {
            return null;
        }
        return new CalendarPeriod(CalendarUnit.QUARTER, firstDayOfFiscalYear(Integer.parseInt(m.group(1)))
                .plusMonths(3L * (Integer.parseInt(m.group(2)) - 1)), this);
    }

    private CalendarPeriod parseYear(String label) {
        if (!YEAR.matcher(label).matches()) {
            return null;
        }
        return new CalendarPeriod(CalendarUnit.YEAR, firstDayOfFiscalYear(Integer.parseInt(label)), this);
    }

    private static String year(int year) {
        String digits = Integer.toString(year);
        return digits.length() >= 4 ? digits : "0".repeat(4 - digits.length()) + digits;
    }

    private static String twoDigits(int value) {
        return value < 10 ? "0" + value : Integer.toString(value);
    }
}
