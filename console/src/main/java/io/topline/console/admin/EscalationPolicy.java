package io.topline.console.admin;

import java.util.List;

/** An escalation policy as alerts-service's {@code GET /escalation-policies} lists it. */
public record EscalationPolicy(String id, String name, List<String> drivers, List<String> functions,
                               List<String> measures, List<String> kinds, String minSeverity, List<Step> steps,
                               boolean active, String createdBy) {

    /** One step: its delay after the firing (ISO-8601) and whom it notifies. */
    public record Step(String after, List<String> targets) {

        public String targetText() {
            return String.join(", ", targets);
        }
    }

    /** A page of policies. */
    public record Page(List<EscalationPolicy> items, long totalItems) {
    }

    /** The alerts it covers, as a subscription's filters read. */
    public String filterText() {
        return new Subscription(id, null, null, null, null, null, drivers, functions, measures, kinds, minSeverity,
                active, null, null, null, null, null).filterText();
    }
}
