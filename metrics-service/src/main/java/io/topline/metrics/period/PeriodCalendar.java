package io.topline.metrics.period;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Maps instants to the calendar periods of a cadence in the organisation's time zone, and back. */
@ApplicationScoped
public class PeriodCalendar {

    private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");

    private final ZoneId zone;
    /*
     * The last period computed per cadence: nearly every measurement of a batch falls into the same period, and
     * computing it (zone conversion, ISO week fields, String.format) showed up in the batch profile for each item.
     */
    private final AtomicReferenceArray<Period> recent = new AtomicReferenceArray<>(Cadence.values().length);

    public PeriodCalendar(OrganisationConfig config) {
        this.zone = config.timeZone();
    }

    public ZoneId zone() {
        return zone;
    }

    /** The period of {@code cadence} that contains {@code instant}. */
    public Period periodOf(Cadence cadence, Instant instant) {
        Period last = recent.get(cadence.ordinal());
        if (last != null && !instant.isBefore(last.start()) && instant.isBefore(last.end())) {
            return last;
        }
        Period computed = compute(cadence, instant);
        recent.set(cadence.ordinal(), computed);
        return computed;
    }

    private Period compute(Cadence cadence, Instant instant) {
        LocalDate day = instant.atZone(zone).toLocalDate();
        return switch (cadence) {
            case WEEKLY -> {
                LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                String label = String.format("%04d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR),
                        day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
                yield period(cadence, label, monday, monday.plusWeeks(1));
            }
            case MONTHLY -> {
                LocalDate first = day.withDayOfMonth(1);
                yield period(cadence, String.format("%04d-%02d", day.getYear(), day.getMonthValue()), first, first.plusMonths(1));
            }
            case QUARTERLY -> {
                int quarter = (day.getMonthValue() - 1) / 3 + 1;
                LocalDate first = LocalDate.of(day.getYear(), (quarter - 1) * 3 + 1, 1);
                yield period(cadence, String.format("%04d-Q%d", day.getYear(), quarter), first, first.plusMonths(3));
            }
        };
    }

    /** The period of {@code cadence} named {@code label}; empty when the label does not name one. */
    public Optional<Period> parse(Cadence cadence, String label) {
        if (label == null) {
            return Optional.empty();
        }
        try {
            return switch (cadence) {
                case WEEKLY -> parseWeek(label);
                case MONTHLY -> parseMonth(label);
                case QUARTERLY -> parseQuarter(label);
            };
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private Optional<Period> parseWeek(String label) {
        Matcher m = WEEK.matcher(label);
        if (!m.matches()) {
            return Optional.empty();
        }
        int year = Integer.parseInt(m.group(1));
        int week = Integer.parseInt(m.group(2));
        // 4 January always lies in ISO week 1 of its week-based year
        LocalDate anchor = LocalDate.of(year, 1, 4);
        if (week < 1 || week > anchor.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum()) {
            return Optional.empty();
        }
        LocalDate monday = anchor.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return Optional.of(period(Cadence.WEEKLY, label, monday, monday.plusWeeks(1)));
    }

    private Optional<Period> parseMonth(String label) {
        Matcher m = MONTH.matcher(label);
        if (!m.matches()) {
            return Optional.empty();
        }
        LocalDate first = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), 1);
        return Optional.of(period(Cadence.MONTHLY, label, first, first.plusMonths(1)));
    }

    private Optional<Period> parseQuarter(String label) {
        Matcher m = QUARTER.matcher(label);
        if (!m.matches()) {
            return Optional.empty();
        }
        LocalDate first = LocalDate.of(Integer.parseInt(m.group(1)), (Integer.parseInt(m.group(2)) - 1) * 3 + 1, 1);
        return Optional.of(period(Cadence.QUARTERLY, label, first, first.plusMonths(3)));
    }

    private Period period(Cadence cadence, String label, LocalDate start, LocalDate end) {
        return new Period(cadence, label, start.atStartOfDay(zone).toInstant(), end.atStartOfDay(zone).toInstant());
    }
}
