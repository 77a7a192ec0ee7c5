package io.topline.drivers.driver;

import java.time.Instant;
import java.util.List;

/** A driver as the API shows it; {@code revision} is also its ETag. */
public record DriverResponse(String key, String name, DriverFunction function, String owner, String description,
                             List<String> feedsInto, boolean archived, long revision, Instant createdAt,
                             Instant updatedAt) {
}
