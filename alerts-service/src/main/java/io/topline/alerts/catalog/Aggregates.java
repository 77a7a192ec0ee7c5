package io.topline.alerts.catalog;

import java.math.BigDecimal;
import java.math.MathContext;

/** What a {@code topline.actual.updated} event carries about a period's measurements, enough for any aggregation. */
public record Aggregates(BigDecimal publishedValue, long count, BigDecimal sum, BigDecimal min, BigDecimal max,
                         BigDecimal last) {

    /**
     * The value under {@code aggregation}, computed as metrics-service computes it (an average to 16 digits, no
     * trailing zeros); null for an aggregation this service does not know.
     */
    public BigDecimal valueFor(String aggregation) {
        BigDecimal value = switch (aggregation) {
            case "SUM" -> sum;
            case "AVERAGE" -> sum.divide(BigDecimal.valueOf(count), MathContext.DECIMAL64);
            case "MIN" -> min;
            case "MAX" -> max;
            case "LAST" -> last;
            case "COUNT" -> BigDecimal.valueOf(count);
            default -> null;
        };
        return value == null ? null : tidy(value);
    }

    private static BigDecimal tidy(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
