package io.topline.alerts.escalation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The escalation of one alert's current firing, policy by policy and step by step: when each step is due, and for
 * the steps taken, when, whom it reached and which targets had no route.
 */
public record EscalationPlanResponse(UUID alertId, String state, Instant firedAt, List<PolicyPlan> policies) {

    /** One covering policy's steps. */
    public record PolicyPlan(UUID policyId, String name, List<StepPlan> steps) {
    }

    /** One step: {@code takenAt} null while it is not (yet) taken; it is never taken once the alert is acknowledged. */
    public record StepPlan(int step, String after, List<String> targets, Instant dueAt, Instant takenAt,
                           List<UUID> recipients, List<String> unreached) {
    }
}
