package io.topline.metrics.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The part of a {@code topline.measure.defined} or {@code topline.measure.archived} event's data this service keeps.
 *
 * <p>Unknown fields are ignored on purpose: drivers-service may add fields without breaking this consumer.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MeasureDefinition(String key, String unit, String aggregation, String cadence, Boolean archived, Long revision) {
}
