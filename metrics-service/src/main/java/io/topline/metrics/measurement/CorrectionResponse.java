package io.topline.metrics.measurement;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What a correction or retraction did: the measurement's value before and after ({@code value} null once
 * retracted), and the revision of its period's actual that was published with it.
 */
public record CorrectionResponse(String id, String measure, String period, String status, BigDecimal previousValue,
                                 BigDecimal value, String reason, String changedBy, Instant changedAt,
                                 long actualRevision) {

    public static final String CORRECTED = "CORRECTED";
    public static final String RETRACTED = "RETRACTED";
}
