package io.topline.console.admin;

import java.util.List;

/** The drivers and measures as drivers-service's lists and reads answer them, for the administration pages. */
public final class Definition {

    private Definition() {
    }

    /** A driver; {@code revision} is its ETag. */
    public record Driver(String key, String name, String function, String owner, String description,
                         List<String> feedsInto, boolean archived, long revision) {

        /** The drivers it feeds, as one line. */
        public String feedsText() {
            return feedsInto == null ? "" : String.join(", ", feedsInto);
        }
    }

    /** A measure; {@code revision} is its ETag. */
    public record Measure(String key, String driverKey, String name, String unit, String currency,
                          String aggregation, String direction, String cadence, String owner, String description,
                          String expectedEvery, boolean archived, long revision) {
    }

    /** A page of drivers. */
    public record DriverPage(List<Driver> items, long totalItems) {
    }

    /** A page of measures. */
    public record MeasurePage(List<Measure> items, long totalItems) {
    }
}
