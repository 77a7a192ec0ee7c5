package io.topline.console.inbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A silence started from an alert: it matches the alert's measure (and, unless widened, its period) for a chosen
 * time or until the alert resolves. It becomes a {@code POST /silences} body.
 */
public final class SilenceForm {

    /** The lengths offered, by the name the form sends. */
    public static final Map<String, Duration> LENGTHS = lengths();

    private SilenceForm() {
    }

    /** The request body for alerts-service; {@code length} is a key of {@link #LENGTHS} or "until-resolved". */
    public static Map<String, Object> request(Alert alert, String length, boolean everyPeriod, String comment,
                                              Instant now) {
        List<Map<String, String>> matchers = new ArrayList<>();
        matchers.add(Map.of("label", "measure", "operator", "EQUALS", "value", alert.measure().key()));
        if (!everyPeriod) {
            matchers.add(Map.of("label", "period", "operator", "EQUALS", "value", alert.period()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("matchers", matchers);
        if ("until-resolved".equals(length)) {
            body.put("untilResolved", true);
        } else {
            body.put("endsAt", now.plus(LENGTHS.getOrDefault(length, Duration.ofHours(4))).toString());
        }
        body.put("comment", comment);
        return body;
    }

    private static Map<String, Duration> lengths() {
        Map<String, Duration> lengths = new LinkedHashMap<>();
        lengths.put("1h", Duration.ofHours(1));
        lengths.put("4h", Duration.ofHours(4));
        lengths.put("1d", Duration.ofDays(1));
        lengths.put("1w", Duration.ofDays(7));
        return lengths;
    }
}
