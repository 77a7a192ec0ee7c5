package io.topline.alerts.silence;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.topline.alerts.lifecycle.ShutdownGate;
import io.topline.chassis.db.AdvisoryLocks;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Applies silences that end or begin by time alone (endsAt passed, a maintenance window closed or opened): marks
 * them ended and notifies the firings they muted. One replica at a time, under an advisory lock; a second run finds
 * nothing left to do.
 */
@ApplicationScoped
public class SilenceSweep {

    static final String LOCK = "silence-sweep";

    private final SilenceService silences;
    private final AdvisoryLocks locks;
    private final ShutdownGate gate;

    public SilenceSweep(SilenceService silences, AdvisoryLocks locks, ShutdownGate gate) {
        this.silences = silences;
        this.locks = locks;
        this.gate = gate;
    }

    @Scheduled(identity = "silence-sweep", every = "${topline.silences.sweep-interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        gate.run(this::sweep);
    }

    /** One sweep; returns false when another replica's sweep holds the lock. */
    public boolean sweep() {
        return QuarkusTransaction.requiringNew().call(() -> {
            if (!locks.tryLockForTransaction(LOCK)) {
                return false;
            }
            silences.sweep();
            return true;
        });
    }
}
