package io.topline.alerts.receiver;

import io.topline.alerts.alert.AlertEventData;
import io.topline.alerts.cause.LikelyCause;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A made-up firing with every field filled, which templates are checked and previewed against. */
public final class SampleAlert {

    static final String TYPE = "topline.alert.fired";
    static final Instant AT = Instant.parse("2026-11-02T09:00:00Z");

    private SampleAlert() {
    }

    public static AlertEventData data() {
        return new AlertEventData("00000000-0000-4000-8000-000000000001", "net-revenue-retention:2026-10:MISSED",
                "MISSED", "FIRING", "CRITICAL",
                new AlertEventData.DriverRef("customer-success", "Customer success & support", "SERVICE"),
                new AlertEventData.MeasureRef("net-revenue-retention", "Net revenue retention", "PERCENT", null,
                        "HIGHER_IS_BETTER", "MONTHLY"),
                "2026-10", new BigDecimal("88.0"),
                new AlertEventData.TargetRef(1, new BigDecimal("100"), new BigDecimal("95")),
                new AlertEventData.EvaluationRef("MISSED", "FINAL", null, AT),
                Map.of("driver", "customer-success", "function", "SERVICE", "measure", "net-revenue-retention",
                        "severity", "CRITICAL", "kind", "MISSED"),
                "Net revenue retention 88.0% in 2026-10 is at or below the failure level 95% (success 100%)",
                new AlertEventData.TransitionRef(null, "FIRING", AT, "evaluation", null), 1, List.of(),
                List.<LikelyCause>of());
    }
}
