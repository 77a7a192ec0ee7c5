package io.topline.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The module's one test-data factory: the example organisation and a quarter of measurements with a fixed outcome. */
// The quarter is the last complete calendar quarter before today (UTC), so that every period is closed, within
// metrics-service's horizon, and after the example targets' start (2026-W27 / 2026-07). Values are chosen so that
// every intermediate aggregate of a period already has the period's final status, whatever order the measurements
// arrive in: the story must not depend on a transient red that later clears (that would be a fired-then-resolved
// alert, not a miss). The outcome: marketing-qualified leads miss in the quarter's last week, client retention in its
// last month, closing ratio is at risk in its last month, everything else is met.
public final class TestData {

    public static final String MQL = "marketing-qualified-leads";
    public static final String NEW_CLIENTS = "new-clients";
    public static final String CLOSING_RATIO = "closing-ratio";
    public static final String RETENTION = "client-retention";
    public static final String LEAD_TIME = "lead-time-to-ship";
    public static final String DSO = "days-sales-outstanding";

    /** The example organisation's measures, in the order of its file. */
    public static final List<String> MEASURES = List.of(MQL, NEW_CLIENTS, CLOSING_RATIO, RETENTION, LEAD_TIME, DSO);
    public static final List<String> WEEKLY = List.of(MQL, LEAD_TIME);
    public static final int WEEKS = 13;

    private TestData() {
    }

    /** One measurement as the story posts it (the body of POST /measurements). */
    public record Measurement(String id, String measure, BigDecimal value, Instant occurredAt, String source) {

        public Map<String, Object> body() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", id);
            body.put("measure", measure);
            body.put("value", value);
            body.put("occurredAt", occurredAt.toString());
            body.put("source", source);
            return body;
        }
    }

    /** What metrics-service should report for one measure and period once every measurement is in. */
    public record ExpectedActual(String measure, String period, String cadence, Instant periodStart, Instant periodEnd,
                                 String aggregation, BigDecimal value, long count, BigDecimal sum, BigDecimal min,
                                 BigDecimal max, BigDecimal last, Instant lastOccurredAt) {
    }

    /** The example organisation file that drivers-service bundles, as posted to /drivers/import. */
    public static String exampleOrganisation() {
        try {
            return Files.readString(Suite.root()
                    .resolve("drivers-service/src/main/resources/examples/example-organisation.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first day of the last complete quarter before {@code today}. */
    public static LocalDate quarterStart(LocalDate today) {
        LocalDate thisQuarter = today.with(IsoFields.DAY_OF_QUARTER, 1);
        return thisQuarter.minusMonths(3);
    }

    public static LocalDate quarterStart() {
        return quarterStart(LocalDate.now(ZoneOffset.UTC));
    }

    /** The label of the story's quarter, such as 2026-Q3. */
    public static String quarterLabel() {
        LocalDate start = quarterStart();
        return start.getYear() + "-Q" + start.get(IsoFields.QUARTER_OF_YEAR);
    }

    /** The quarter's first thirteen Wednesdays: one measurement per measure each week. */
    public static List<LocalDate> wednesdays() {
        LocalDate first = quarterStart().with(TemporalAdjusters.nextOrSame(DayOfWeek.WEDNESDAY));
        List<LocalDate> days = new ArrayList<>();
        for (int i = 0; i < WEEKS; i++) {
            days.add(first.plusWeeks(i));
        }
        return days;
    }

    /** The ISO week label of a day, such as 2026-W27. */
    public static String week(LocalDate day) {
        return String.format("%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** The month label of a day, such as 2026-07. */
    public static String month(LocalDate day) {
        return String.format("%d-%02d", day.getYear(), day.getMonthValue());
    }

    /** The label of the period of {@code measure} that contains {@code day}. */
    public static String period(String measure, LocalDate day) {
        return WEEKLY.contains(measure) ? week(day) : month(day);
    }

    /** The quarter's measurements, week by week, six a week. */
    public static List<Measurement> quarterMeasurements() {
        List<Measurement> all = new ArrayList<>();
        List<LocalDate> days = wednesdays();
        for (int i = 0; i < days.size(); i++) {
            LocalDate day = days.get(i);
            int monthOfQuarter = day.getMonthValue() - quarterStart().getMonthValue();
            Instant at = day.atTime(LocalTime.NOON).toInstant(ZoneOffset.UTC);
            for (String measure : MEASURES) {
                all.add(new Measurement("e2e-" + measure + "-" + week(day), measure,
                        value(measure, i, monthOfQuarter), at, source(measure)));
            }
        }
        return all;
    }

    /** Week {@code i}'s value of a measure (see the class comment for why each stays on one side of its levels). */
    static BigDecimal value(String measure, int i, int monthOfQuarter) {
        boolean lastMonth = monthOfQuarter == 2;
        return switch (measure) {
            // success 120, failure 90: met every week but the last, which falls to 80
            case MQL -> i == WEEKS - 1 ? new BigDecimal("80") : BigDecimal.valueOf(125 + (i % 4) * 5L);
            // monthly sum, success 12: every single week already reaches it, so no partial month is ever red
            case NEW_CLIENTS -> BigDecimal.valueOf(13 + i % 3);
            // monthly average, success 30 and failure 20: 32-36 (met), then 24-28 (at risk) in the last month
            case CLOSING_RATIO -> BigDecimal.valueOf((lastMonth ? 24 : 32) + (i % 3) * 2L);
            // monthly last value, success 95 and failure 90: 96-96.5 (met), then 88-89 (missed) in the last month
            case RETENTION -> lastMonth ? BigDecimal.valueOf(89 - i % 2) : new BigDecimal(i % 2 == 0 ? "96" : "96.5");
            // weekly average, lower is better, success 5: 3-4 days
            case LEAD_TIME -> new BigDecimal(new String[] {"3", "3.5", "4"}[i % 3]);
            // monthly last value, lower is better, success 45: 40-42 days
            case DSO -> BigDecimal.valueOf(40 + i % 3);
            default -> throw new IllegalArgumentException(measure);
        };
    }

    private static String source(String measure) {
        return switch (measure) {
            case MQL -> "marketing-automation";
            case NEW_CLIENTS, CLOSING_RATIO -> "crm";
            case RETENTION -> "support-desk";
            case LEAD_TIME -> "erp";
            default -> "billing";
        };
    }

    /** The actuals metrics-service must report for the quarter, per measure, in period order. */
    public static Map<String, List<ExpectedActual>> expectedActuals(List<Measurement> measurements) {
        Map<String, List<ExpectedActual>> result = new LinkedHashMap<>();
        for (String measure : MEASURES) {
            Map<String, List<Measurement>> byPeriod = measurements.stream()
                    .filter(m -> m.measure().equals(measure))
                    .collect(Collectors.groupingBy(m -> period(measure, m.occurredAt().atZone(ZoneOffset.UTC).toLocalDate()),
                            java.util.TreeMap::new, Collectors.toList()));
            List<ExpectedActual> actuals = new ArrayList<>();
            byPeriod.forEach((period, items) -> actuals.add(expected(measure, period, items)));
            result.put(measure, actuals);
        }
        return result;
    }

    private static ExpectedActual expected(String measure, String period, List<Measurement> items) {
        boolean weekly = WEEKLY.contains(measure);
        LocalDate day = items.get(0).occurredAt().atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate start = weekly ? day.with(DayOfWeek.MONDAY) : day.withDayOfMonth(1);
        LocalDate end = weekly ? start.plusWeeks(1) : start.plusMonths(1);
        BigDecimal sum = items.stream().map(Measurement::value).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal min = items.stream().map(Measurement::value).min(Comparator.naturalOrder()).orElseThrow();
        BigDecimal max = items.stream().map(Measurement::value).max(Comparator.naturalOrder()).orElseThrow();
        Measurement last = items.stream().max(Comparator.comparing(Measurement::occurredAt)).orElseThrow();
        String aggregation = aggregation(measure);
        BigDecimal value = switch (aggregation) {
            case "SUM" -> sum;
            case "AVERAGE" -> sum.divide(BigDecimal.valueOf(items.size()), MathContext.DECIMAL64);
            default -> last.value();
        };
        return new ExpectedActual(measure, period, weekly ? "WEEKLY" : "MONTHLY",
                start.atStartOfDay(ZoneOffset.UTC).toInstant(), end.atStartOfDay(ZoneOffset.UTC).toInstant(),
                aggregation, value, items.size(), sum, min, max, last.value(), last.occurredAt());
    }

    /** The aggregation of an example measure. */
    public static String aggregation(String measure) {
        return switch (measure) {
            case MQL, NEW_CLIENTS -> "SUM";
            case CLOSING_RATIO, LEAD_TIME -> "AVERAGE";
            default -> "LAST";
        };
    }

    /** The period each missed target misses in: MQL the quarter's last week, client retention its last month. */
    public static Map<String, String> missedPeriods() {
        LocalDate lastWeek = wednesdays().get(WEEKS - 1);
        Map<String, String> missed = new LinkedHashMap<>();
        missed.put(MQL, week(lastWeek));
        missed.put(RETENTION, month(quarterStart().plusMonths(2)));
        return missed;
    }

    /** Groups measurements into batches of the given weeks' items, in posting order. */
    public static <K> Map<K, List<Measurement>> group(List<Measurement> measurements, Function<Measurement, K> key) {
        return measurements.stream().collect(Collectors.groupingBy(key, LinkedHashMap::new, Collectors.toList()));
    }
}
