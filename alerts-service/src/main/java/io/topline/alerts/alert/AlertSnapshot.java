package io.topline.alerts.alert;

import java.math.BigDecimal;
import java.time.Instant;

/** What an alert shows of its measure, driver and latest evaluation, copied so the alert reads the same later. */
public record AlertSnapshot(String severity, String measureName, String unit, String currency, String direction,
                            String cadence, String driverKey, String driverName, String driverFunction,
                            BigDecimal actual, BigDecimal projection, int targetVersion, BigDecimal successLevel,
                            BigDecimal failureLevel, String evaluationStatus, String evaluationState,
                            Instant evaluatedAt, String summary) {
}
