package io.topline.console.measure;

import java.math.BigDecimal;
import java.util.List;

/** A measure as drivers-service's {@code GET /measures/{key}} answers it, with its target schedule. */
public record Measure(String key, String driverKey, String name, String unit, String currency, String aggregation,
                      String direction, String cadence, String owner, String description, List<Target> targets) {

    /** One version of the target schedule. */
    public record Target(int version, String effectiveFrom, BigDecimal successLevel, BigDecimal failureLevel,
                         String severity, String note) {
    }

    /** "higher is better" or "lower is better". */
    public String directionLabel() {
        return direction == null ? "" : direction.toLowerCase().replace('_', ' ');
    }

    /** Whether a higher actual is better. */
    public boolean higherIsBetter() {
        return !"LOWER_IS_BETTER".equals(direction);
    }
}
