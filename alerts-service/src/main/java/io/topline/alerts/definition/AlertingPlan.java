package io.topline.alerts.definition;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The difference between an organisation file's alerting sections and alerts-service: what applying them creates,
 * changes and (with prune) archives, and what stays ({@code receiver:<key>}, ...). {@code basedOn} is the ETag of
 * the alerting definitions the plan compared against: an apply with prune must name it in If-Match.
 */
public record AlertingPlan(boolean applied, boolean prune, String basedOn, List<Change> changes,
                           List<String> unchanged) {

    /**
     * One receiver, silence, escalation policy or contact the file changes; {@code secret} is a new webhook's
     * signing secret, given once, in the answer of the apply that created it.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Change(Action action, Kind kind, String key, List<String> fields, String secret) {
    }

    /** What applying the file does. */
    public enum Action {
        CREATE, UPDATE, ARCHIVE
    }

    /** Which alerting definition it is. */
    public enum Kind {
        RECEIVER, SILENCE, ESCALATION_POLICY, CONTACT
    }
}
