package io.topline.alerts.alert;

import io.topline.alerts.catalog.CatalogMeasure;
import io.topline.alerts.cause.LikelyCause;
import io.topline.alerts.evaluation.Evaluation;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Writes the one-line summaries a person reads on a phone. */
public final class AlertSummaries {

    private AlertSummaries() {
    }

    /** Why the alert of {@code kind} fires for this evaluation. */
    public static String firing(AlertKind kind, CatalogMeasure measure, Evaluation evaluation) {
        String side = measure.higherIsBetter() ? "at or below" : "at or above";
        String levels = "the failure level " + format(evaluation.failureLevel(), measure) + " (success "
                + format(evaluation.successLevel(), measure) + ")";
        return switch (kind) {
            case MISSED -> measure.name() + " " + format(evaluation.actual(), measure) + " in " + evaluation.period()
                    + " is " + side + " " + levels;
            case PROJECTED_MISS -> measure.name() + " in " + evaluation.period() + " is heading for "
                    + format(evaluation.projection() != null ? evaluation.projection() : evaluation.actual(), measure)
                    + " (so far " + format(evaluation.actual(), measure) + "), " + side + " " + levels;
            case NO_DATA -> measure.name() + " has no data for " + evaluation.period()
                    + ": no measurement arrived before the period closed";
            case STALE -> throw new IllegalArgumentException("a STALE alert is not an evaluation's: use stale()");
        };
    }

    /** Why a STALE alert fires: the source has been silent longer than the measure's heartbeat. */
    public static String stale(CatalogMeasure measure, String period, Instant now) {
        Instant lastHeard = measure.lastHeardAt();
        String since = lastHeard == null ? "no measurement yet"
                : "last measurement " + lastHeard.truncatedTo(ChronoUnit.SECONDS);
        return measure.name() + " has had no measurement in " + period + " for "
                + words(Duration.between(measure.silentSince(), now))
                + " (expected every " + words(measure.expectedEvery()) + "; " + since + ")";
    }

    /** A duration as people say it: the two largest of days, hours and minutes. */
    static String words(Duration duration) {
        long days = duration.toDays();
        long hours = duration.toHoursPart();
        long minutes = duration.toMinutesPart();
        List<String> parts = new ArrayList<>();
        if (days > 0) {
            parts.add(days + (days == 1 ? " day" : " days"));
        }
        if (hours > 0) {
            parts.add(hours + (hours == 1 ? " hour" : " hours"));
        }
        if (minutes > 0 && days == 0) {
            parts.add(minutes + (minutes == 1 ? " minute" : " minutes"));
        }
        return parts.isEmpty() ? "under a minute" : String.join(" ", parts.subList(0, Math.min(2, parts.size())));
    }

    /** Why the alert resolved by itself. */
    public static String recovered(String firing, Evaluation evaluation, CatalogMeasure measure) {
        BigDecimal value = evaluation.projection() != null ? evaluation.projection() : evaluation.actual();
        String now = value == null ? evaluation.status().name()
                : evaluation.status() + " at " + format(value, measure);
        return "Resolved (" + now + ", " + evaluation.state() + "): " + firing;
    }

    /**
     * The summary of an open alert followed by what upstream likely explains it ("...; upstream: Marketing-qualified
     * leads also missed in 2026-W48"), at most three causes, nearest first.
     */
    public static String withCauses(String summary, List<LikelyCause> causes) {
        if (causes.isEmpty()) {
            return summary;
        }
        List<String> named = causes.stream().limit(3)
                .map(cause -> cause.measureName() + ("MISSED".equals(cause.kind()) ? " also missed in "
                        : " also heading for a miss in ") + cause.period())
                .toList();
        String more = causes.size() > 3 ? " and " + (causes.size() - 3) + " more" : "";
        return summary + "; upstream: " + String.join(", ", named) + more;
    }

    /** A value with its unit, exactly as precise as it was reported. */
    public static String format(BigDecimal value, CatalogMeasure measure) {
        if (value == null) {
            return "no value";
        }
        String plain = value.toPlainString();
        return switch (measure.unit()) {
            case "PERCENT" -> plain + "%";
            case "CURRENCY" -> plain + " " + (measure.currency() == null ? "" : measure.currency());
            case "DAYS" -> plain + " days";
            case "HOURS" -> plain + " h";
            default -> plain;
        };
    }
}
