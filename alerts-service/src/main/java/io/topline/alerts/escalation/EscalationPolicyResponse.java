package io.topline.alerts.escalation;

import io.topline.chassis.time.BoundedDurations;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An escalation policy as the API shows it. */
public record EscalationPolicyResponse(UUID id, String name, List<String> drivers, List<String> functions,
                                       List<String> measures, List<String> kinds, String minSeverity,
                                       List<StepResponse> steps, boolean active, String createdBy,
                                       Instant createdAt) {

    /** One step: its delay after the firing (ISO-8601) and its targets. */
    public record StepResponse(String after, List<String> targets) {
    }

    static EscalationPolicyResponse of(EscalationPolicy policy) {
        return new EscalationPolicyResponse(policy.id(), policy.name(), policy.drivers(), policy.functions(),
                policy.measures(), policy.kinds(), policy.minSeverity().name(),
                policy.steps().stream().map(s -> new StepResponse(BoundedDurations.iso(s.after()), s.targets()))
                        .toList(), policy.active(), policy.createdBy(), policy.createdAt());
    }
}
