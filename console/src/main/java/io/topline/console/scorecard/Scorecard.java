package io.topline.console.scorecard;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The scorecard as alerts-service's {@code GET /scorecard} answers it (the fields the console draws). */
public record Scorecard(String cadence, String currentPeriod, List<String> periods, Instant generatedAt,
                        List<Row> measures, List<DriverStatus> drivers) {

    /** A driver's roll-up status and the upstream chain that explains it when it is red or amber. */
    public record DriverStatus(String key, String name, String function, int flowPosition, String status,
                               List<Upstream> explainedBy) {

        public StatusLook look() {
            return StatusLook.of(status);
        }
    }

    /** An upstream driver of a chain. */
    public record Upstream(String key, String name, String status, int hops) {

        public StatusLook look() {
            return StatusLook.of(status);
        }
    }

    /** One measure's line. */
    public record Row(String key, String name, Driver driver, String owner, String unit, String currency,
                      String direction, String aggregation, Target target, List<Cell> periods, BigDecimal projection,
                      Trailing trailing, int misses) {

        /** A value in the measure's unit, e.g. {@code 42.5 %} or {@code EUR 1200}; an em dash without one. */
        public String format(BigDecimal value) {
            return Numbers.inUnit(value, unit, currency);
        }

        /** The unit as a reader says it. */
        public String unitLabel() {
            return "CURRENCY".equals(unit) && currency != null ? currency : unit.toLowerCase().replace('_', ' ');
        }

        /** "higher is better" or "lower is better". */
        public String directionLabel() {
            return direction == null ? "" : direction.toLowerCase().replace('_', ' ');
        }

        /** The cell of the open (current) period, the last one. */
        public Cell openCell() {
            return periods.isEmpty() ? null : periods.get(periods.size() - 1);
        }
    }

    /** The driver of a row and its place in the revenue flow. */
    public record Driver(String key, String name, String function, String owner, int flowPosition) {
    }

    /** The target version in effect for the current period (null when the measure has none yet). */
    public record Target(int version, String effectiveFrom, BigDecimal successLevel, BigDecimal failureLevel,
                         String severity) {
    }

    /** One period of a row. */
    public record Cell(String period, BigDecimal actual, String status, String state) {

        public StatusLook look() {
            return StatusLook.of(status);
        }

        /** Whether the evaluation is still provisional (an open period judged on its pace). */
        public boolean provisional() {
            return "PROVISIONAL".equals(state);
        }
    }

    /** The window's total or average over periods with data. */
    public record Trailing(String kind, BigDecimal value, int periodsWithData) {

        public String kindLabel() {
            return "TOTAL".equals(kind) ? "total" : "average";
        }
    }
}
