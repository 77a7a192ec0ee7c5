package io.topline.drivers.measure;

import io.topline.drivers.target.TargetResponse;

import java.time.Instant;
import java.util.List;

/** A measure as the API shows it, with its whole target schedule; {@code revision} is also its ETag. */
public record MeasureResponse(String key, String driverKey, String name, Unit unit, String currency,
                              Aggregation aggregation, Direction direction, Cadence cadence, String owner,
                              String description, boolean archived, long revision, List<TargetResponse> targets,
                              Instant createdAt, Instant updatedAt) {
}
