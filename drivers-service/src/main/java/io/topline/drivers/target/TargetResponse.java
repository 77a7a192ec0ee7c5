package io.topline.drivers.target;

import java.math.BigDecimal;
import java.time.Instant;

/** One target version; {@code supersededBy} names the correction that replaced it from the same period, if any. */
public record TargetResponse(int version, String effectiveFrom, BigDecimal successLevel, BigDecimal failureLevel,
                             Severity severity, String note, Instant createdAt, Integer supersededBy) {
}
