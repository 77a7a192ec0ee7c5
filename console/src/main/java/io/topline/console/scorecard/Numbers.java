package io.topline.console.scorecard;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Formats the suite's decimals for people: at most two decimals, no trailing zeros, with the unit. */
public final class Numbers {

    private Numbers() {
    }

    /** {@code value} rounded for reading, or an em dash for no value (which is never zero). */
    public static String plain(BigDecimal value) {
        if (value == null) {
            return "\u2014";
        }
        BigDecimal rounded = value.setScale(Math.min(2, Math.max(0, value.scale())), RoundingMode.HALF_UP);
        return rounded.stripTrailingZeros().toPlainString();
    }

    /** {@code value} with its unit: {@code 42 %}, {@code EUR 1200}, {@code 3 days}. */
    public static String inUnit(BigDecimal value, String unit, String currency) {
        if (value == null) {
            return plain(null);
        }
        String number = plain(value);
        return switch (unit == null ? "" : unit) {
            case "PERCENT" -> number + " %";
            case "CURRENCY" -> (currency == null ? "" : currency + " ") + number;
            case "DAYS" -> number + " d";
            case "HOURS" -> number + " h";
            default -> number;
        };
    }
}
