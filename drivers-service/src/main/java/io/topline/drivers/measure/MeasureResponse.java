package io.topline.drivers.measure;

import io.topline.drivers.target.TargetResponse;

import java.time.Instant;
import java.util.List;

/**
 * A measure as the API shows it, with its whole target schedule; {@code revision} is also its ETag, and
 * {@code expectedEvery} (ISO-8601) its heartbeat when it declares one.
 */
public record MeasureResponse(String key, String driverKey, String name, Unit unit, String currency,
                              Aggregation aggregation, Direction direction, Cadence cadence, String owner,
                              String description, String expectedEvery, boolean archived, long revision, List<TargetResponse> targets,
                              Instant createdAt, Instant updatedAt) {
}
