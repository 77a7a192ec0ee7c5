package io.topline.drivers.driver;

import java.time.Instant;
import java.util.List;

/** The data of topline.driver.defined and topline.driver.archived: the driver's whole state. */
public record DriverEventData(String key, String name, DriverFunction function, String owner, String description,
                              List<String> feedsInto, boolean archived, long revision, Instant updatedAt) {
}
