package io.topline.drivers.measure;

import io.topline.drivers.target.Severity;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The data of topline.measure.defined and topline.measure.archived: the whole measure with its target schedule. */
public record MeasureEventData(String key, String driverKey, String name, Unit unit, String currency,
                               Aggregation aggregation, Direction direction, Cadence cadence, String owner,
                               String description, String expectedEvery, boolean archived, long revision, List<TargetData> targets,
                               Instant updatedAt) {

    /** One target version, oldest first in {@code targets}. */
    public record TargetData(int version, String effectiveFrom, BigDecimal successLevel, BigDecimal failureLevel,
                             Severity severity, String note, Instant createdAt) {
    }
}
