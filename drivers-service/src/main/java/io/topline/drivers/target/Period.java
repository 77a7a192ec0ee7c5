package io.topline.drivers.target;

import io.topline.drivers.measure.Cadence;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A calendar period of one cadence: an ISO week ({@code 2026-W48}), a month ({@code 2026-11}) or a quarter ({@code 2026-Q4}). */
public record Period(Cadence cadence, int year, int number) implements Comparable<Period> {

    private static final Pattern WEEK = Pattern.compile("^(\\d{4})-W(\\d{2})$");
    private static final Pattern MONTH = Pattern.compile("^(\\d{4})-(\\d{2})$");
    private static final Pattern QUARTER = Pattern.compile("^(\\d{4})-Q(\\d)$");

    /** Reads a period of any cadence; empty when the text is no valid period at all. */
    public static Optional<Period> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher week = WEEK.matcher(text);
        if (week.matches()) {
            int year = Integer.parseInt(week.group(1));
            int number = Integer.parseInt(week.group(2));
            long weeks = IsoFields.WEEK_OF_WEEK_BASED_YEAR.rangeRefinedBy(LocalDate.of(year, 6, 1)).getMaximum();
            return number >= 1 && number <= weeks ? Optional.of(new Period(Cadence.WEEKLY, year, number)) : Optional.empty();
        }
        Matcher month = MONTH.matcher(text);
        if (month.matches()) {
            int number = Integer.parseInt(month.group(2));
            return number >= 1 && number <= 12
                    ? Optional.of(new Period(Cadence.MONTHLY, Integer.parseInt(month.group(1)), number)) : Optional.empty();
        }
        Matcher quarter = QUARTER.matcher(text);
        if (quarter.matches()) {
            int number = Integer.parseInt(quarter.group(2));
            return number >= 1 && number <= 4
                    ? Optional.of(new Period(Cadence.QUARTERLY, Integer.parseInt(quarter.group(1)), number)) : Optional.empty();
        }
        return Optional.empty();
    }

    /** The period of {@code cadence} that contains {@code date}. */
    public static Period containing(Cadence cadence, LocalDate date) {
        return switch (cadence) {
            case WEEKLY -> new Period(cadence, date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTHLY -> new Period(cadence, date.getYear(), date.getMonthValue());
            case QUARTERLY -> new Period(cadence, date.getYear(), date.get(IsoFields.QUARTER_OF_YEAR));
        };
    }

    /** An example period of {@code cadence}, for explanations. */
    public static String example(Cadence cadence) {
        return switch (cadence) {
            case WEEKLY -> "2026-W48";
            case MONTHLY -> "2026-11";
            case QUARTERLY -> "2026-Q4";
        };
    }

    /** The first day of the period. */
    public LocalDate start() {
        return switch (cadence) {
            case WEEKLY -> LocalDate.of(year, 1, 4)
                    .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, number)
                    .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTHLY -> LocalDate.of(year, number, 1);
            case QUARTERLY -> LocalDate.of(year, (number - 1) * 3 + 1, 1);
        };
    }

    @Override
    public int compareTo(Period other) {
        return start().compareTo(other.start());
    }

    @Override
    public String toString() {
        return switch (cadence) {
            case WEEKLY -> String.format("%04d-W%02d", year, number);
            case MONTHLY -> String.format("%04d-%02d", year, number);
            case QUARTERLY -> String.format("%04d-Q%d", year, number);
        };
    }
}
