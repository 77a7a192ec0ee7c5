package io.topline.console.measure;

import java.math.BigDecimal;
import java.util.List;

/** One period's actual as metrics-service's {@code GET /actuals} lists it. */
public record Actual(String period, BigDecimal value, long count) {

    /** A page of actuals. */
    public record Page(List<Actual> items, long totalItems) {
    }
}
