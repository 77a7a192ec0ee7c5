package io.topline.drivers.organisation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * One definition an organisation file changes: what happens to it, which fields differ (for an update) and which
 * target versions it gains, by their effectiveFrom. Drivers and measures are drivers-service's; receivers, silences,
 * escalation policies and contacts are alerts-service's, planned there. {@code backtests} (in a plan) tells how each
 * new target version of a stored measure would have fared; {@code secret} is a new webhook's signing secret, in the
 * answer of the apply that made it, shown once.
 */
public record PlannedChange(Action action, Kind kind, String key, List<String> fields, List<String> targetsAdded,
                            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<TargetBacktest> backtests,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {

    public PlannedChange(Action action, Kind kind, String key, List<String> fields, List<String> targetsAdded) {
        this(action, kind, key, fields, targetsAdded, List.of(), null);
    }

    /** The same change with backtests of its new target versions. */
    public PlannedChange withBacktests(List<TargetBacktest> found) {
        return new PlannedChange(action, kind, key, fields, targetsAdded, List.copyOf(found), secret);
    }

    /** What applying the file does to the definition. */
    public enum Action {
        CREATE, UPDATE, ARCHIVE
    }

    /** Which definition it is. */
    public enum Kind {
        DRIVER, MEASURE, RECEIVER, SILENCE, ESCALATION_POLICY, CONTACT
    }

    /**
     * A new target version run over the measure's last ended periods: alerts-service's answer ({@code measure},
     * {@code cadence}, {@code periods}, {@code met}, {@code amber}, {@code missed}, {@code noData},
     * {@code periodsResults}, {@code summary}), or why there is none.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TargetBacktest(String effectiveFrom, JsonNode backtest, String unavailable) {
    }
}
