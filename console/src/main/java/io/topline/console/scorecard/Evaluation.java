package io.topline.console.scorecard;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** One period's evaluation as alerts-service's {@code GET /evaluations} lists it. */
public record Evaluation(String measure, String period, String cadence, Instant periodStart, Instant periodEnd,
                         String status, String state, BigDecimal actual, BigDecimal projection, Target target,
                         Instant evaluatedAt) {

    /** The target version the evaluation used. */
    public record Target(int version, BigDecimal successLevel, BigDecimal failureLevel, String severity) {
    }

    public StatusLook look() {
        return StatusLook.of(status);
    }

    /** A page of evaluations. */
    public record Page(List<Evaluation> items, long totalItems) {
    }
}
