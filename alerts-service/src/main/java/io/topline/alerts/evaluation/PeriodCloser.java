package io.topline.alerts.evaluation;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Runs the closing job on a timer; tests call {@link EvaluationService#closePeriods(String)} directly instead. */
@ApplicationScoped
public class PeriodCloser {

    private final EvaluationService evaluations;

    public PeriodCloser(EvaluationService evaluations) {
        this.evaluations = evaluations;
    }

    @Scheduled(identity = "close-periods", every = "${topline.evaluation.close-interval:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void close() {
        evaluations.closePeriods();
    }
}
