package io.topline.alerts.catalog;

import java.math.BigDecimal;

/** The value of one period's actual, read as a projection for the scorecard. */
public record ActualValue(String measureKey, String period, BigDecimal value) {
}
