package io.topline.metrics.measurement;

import java.math.BigDecimal;
import java.time.Instant;

/** The outcome of one posted measurement: {@code ACCEPTED}, or {@code DUPLICATE} when its client id was already stored. */
public record RecordMeasurementResponse(String id, String measure, BigDecimal value, Instant occurredAt, String source,
                                        String period, String status) {

    public static final String ACCEPTED = "ACCEPTED";
    public static final String DUPLICATE = "DUPLICATE";
}
