package io.topline.alerts.digest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A summary for the leadership team ({@code topline.digest} data): how many measures are green, amber, red or without
 * data in their latest period, the red and amber ones with what upstream likely explains them, and the open alerts.
 */
public record Digest(Instant dueAt, String timeZone, Counts counts, List<DigestMeasure> red,
                     List<DigestMeasure> amber, List<DigestAlert> openAlerts) {

    /** The event type of a digest message. */
    public static final String TYPE = "topline.digest";

    /** How many measures are in each status, and how many alerts are open. */
    public record Counts(int measures, int met, int atRisk, int missed, int noData, int openAlerts) {
    }

    /** A measure in its latest evaluated period, with the likely causes its open alerts name. */
    public record DigestMeasure(String key, String name, String driverKey, String driverName, String function,
                                String period, BigDecimal actual, BigDecimal successLevel, BigDecimal failureLevel,
                                String status, String state, List<String> likelyCauses) {
    }

    /** An open alert as the digest lists it. */
    public record DigestAlert(String alertId, String kind, String state, String severity, String measureKey,
                              String measureName, String driverName, String period, String summary, Instant since) {
    }
}
