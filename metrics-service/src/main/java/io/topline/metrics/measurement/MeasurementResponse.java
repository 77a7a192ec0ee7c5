package io.topline.metrics.measurement;

import java.math.BigDecimal;
import java.time.Instant;

/** One stored measurement. */
public record MeasurementResponse(String id, String measure, BigDecimal value, Instant occurredAt, String source,
                                  String period, Instant receivedAt) {

    public static MeasurementResponse of(Measurement m) {
        BigDecimal value = m.value().stripTrailingZeros();
        return new MeasurementResponse(m.clientId(), m.measureKey(), value.scale() < 0 ? value.setScale(0) : value,
                m.occurredAt(), m.source(), m.period(), m.receivedAt());
    }
}
