package io.topline.alerts.cause;

/**
 * An open red alert upstream in the revenue flow, for a period overlapping the alert it explains; {@code hops} is how
 * many {@code feedsInto} edges lie between the two drivers (1: it feeds the alert's driver directly).
 */
public record LikelyCause(String alertId, String dedupKey, String kind, String driverKey, String driverName,
                          String measureKey, String measureName, String period, int hops) {
}
