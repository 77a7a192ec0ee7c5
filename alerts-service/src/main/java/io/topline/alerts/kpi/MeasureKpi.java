package io.topline.alerts.kpi;

import java.math.BigDecimal;

/**
 * One active measure as the KPI gauges show it: the actual and levels of its latest evaluated period that has an
 * actual (else of its latest evaluated period; null when it has none yet), that evaluation's status and state, and
 * how many of its alerts are firing.
 */
public record MeasureKpi(String measure, String driver, String function, BigDecimal actual, BigDecimal successLevel,
                         BigDecimal failureLevel, String status, String state, long firingAlerts) {
}
