package io.topline.alerts.alert;

import io.quarkus.scheduler.Scheduled;
import io.topline.alerts.evaluation.EvaluationService;
import io.topline.alerts.lifecycle.ShutdownGate;
import jakarta.enterprise.context.ApplicationScoped;

/** Fires alerts whose condition has held for the settle time, by evaluating their period again. */
@ApplicationScoped
public class SettleChecker {

    private final AlertService alerts;
    private final EvaluationService evaluations;
    private final ShutdownGate gate;

    public SettleChecker(AlertService alerts, EvaluationService evaluations, ShutdownGate gate) {
        this.alerts = alerts;
        this.evaluations = evaluations;
        this.gate = gate;
    }

    /** One round; none once the service is stopping, and a round in progress stops after its current condition. */
    @Scheduled(identity = "settle-check", every = "${topline.alerts.settle-check-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public void check() {
        if (!gate.enter()) {
            return;
        }
        try {
            for (PendingCondition condition : alerts.settledConditions()) {
                if (gate.closing()) {
                    return;
                }
                evaluations.evaluate(condition.measureKey(), condition.period());
            }
        } finally {
            gate.exit();
        }
    }
}
