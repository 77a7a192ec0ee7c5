package io.topline.alerts.evaluation;

import io.quarkus.scheduler.Scheduled;
import io.topline.alerts.lifecycle.ShutdownGate;
import jakarta.enterprise.context.ApplicationScoped;

/** Runs the closing job on a timer; tests call {@link EvaluationService#closePeriods(String)} directly instead. */
@ApplicationScoped
public class PeriodCloser {

    private final EvaluationService evaluations;
    private final ShutdownGate gate;

    public PeriodCloser(EvaluationService evaluations, ShutdownGate gate) {
        this.evaluations = evaluations;
        this.gate = gate;
    }

    /** One round; none once the service is stopping, and a round in progress stops after its current batch. */
    @Scheduled(identity = "close-periods", every = "${topline.evaluation.close-interval:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public void close() {
        if (!gate.enter()) {
            return;
        }
        try {
            evaluations.closePeriods(() -> !gate.closing());
        } finally {
            gate.exit();
        }
    }
}
