package io.topline.alerts.scorecard;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A whole scorecard: the period labels of the window, one row per active measure in revenue-flow order, and each
 * active driver's roll-up status with the chain that explains it.
 */
public record ScorecardResponse(String cadence, String currentPeriod, List<String> periods, Instant generatedAt,
                                List<Row> measures, List<DriverStatus> drivers) {

    /**
     * A driver's roll-up: the worst status among its measures' latest evaluated periods (MISSED, then AT_RISK, MET,
     * NO_DATA when none has one), and, when it is MISSED or AT_RISK, the upstream drivers in the revenue flow that
     * are too, nearest first: the chain that likely explains it.
     */
    public record DriverStatus(String key, String name, String function, int flowPosition, String status,
                               List<Upstream> explainedBy) {
    }

    /** An upstream driver in a chain, its own roll-up status and how many feedsInto edges away it is. */
    public record Upstream(String key, String name, String status, int hops) {
    }

    /** One measure's line of the scorecard. */
    public record Row(String key, String name, Driver driver, String owner, String unit, String currency,
                      String direction, String aggregation, Target target, List<Cell> periods, BigDecimal projection,
                      Trailing trailing, int misses) {
    }

    /** The driver a row belongs to, and its position in the revenue flow (0 first). */
    public record Driver(String key, String name, String function, String owner, int flowPosition) {
    }

    /** The target version in effect for the current period. */
    public record Target(int version, String effectiveFrom, BigDecimal successLevel, BigDecimal failureLevel,
                         String severity) {
    }

    /** One period of a row: its actual (null without data, never zero), status and evaluation state. */
    public record Cell(String period, BigDecimal actual, String status, String state) {
    }

    /** The window's total (SUM, COUNT) or average (the other aggregations) over periods with data. */
    public record Trailing(String kind, BigDecimal value, int periodsWithData) {
    }
}
