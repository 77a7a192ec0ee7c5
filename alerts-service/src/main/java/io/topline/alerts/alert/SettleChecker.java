package io.topline.alerts.alert;

import io.quarkus.scheduler.Scheduled;
import io.topline.alerts.evaluation.EvaluationService;
import jakarta.enterprise.context.ApplicationScoped;

/** Fires alerts whose condition has held for the settle time, by evaluating their period again. */
@ApplicationScoped
public class SettleChecker {

    private final AlertService alerts;
    private final EvaluationService evaluations;

    public SettleChecker(AlertService alerts, EvaluationService evaluations) {
        this.alerts = alerts;
        this.evaluations = evaluations;
    }

    @Scheduled(identity = "settle-check", every = "${topline.alerts.settle-check-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void check() {
        for (PendingCondition condition : alerts.settledConditions()) {
            evaluations.evaluate(condition.measureKey(), condition.period());
        }
    }
}
