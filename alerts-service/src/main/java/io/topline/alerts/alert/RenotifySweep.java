package io.topline.alerts.alert;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.topline.alerts.cause.DownstreamHold;
import io.topline.alerts.escalation.EscalationService;
import io.topline.alerts.lifecycle.ShutdownGate;
import io.topline.chassis.db.AdvisoryLocks;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Follows up on alerts nobody acts on: tells subscriptions with a repeat interval again of FIRING alerts nobody
 * acknowledged, like Alertmanager's {@code repeat_interval} (one replica at a time, under an advisory lock; a second
 * run finds nothing due), fires again the acknowledged alerts nobody resolved within the acknowledgement timeout, and
 * takes the escalation steps that fell due and sends the downstream firings held behind causes that stopped firing
 * (each alert under its own lock).
 */
@ApplicationScoped
public class RenotifySweep {

    static final String LOCK = "renotify-sweep";
    private static final int BATCH = 500;

    private final NotifiedSubscriptions notified;
    private final AlertService alerts;
    private final AdvisoryLocks locks;
    private final ShutdownGate gate;
    private final Duration acknowledgeTimeout;
    private final EscalationService escalations;
    private final DownstreamHold holds;

    @SuppressWarnings("java:S107")
    public RenotifySweep(NotifiedSubscriptions notified, AlertService alerts, AdvisoryLocks locks, ShutdownGate gate,
                         AlertConfig config, EscalationService escalations, DownstreamHold holds) {
        this.notified = notified;
        this.alerts = alerts;
        this.locks = locks;
        this.gate = gate;
        this.escalations = escalations;
        this.holds = holds;
        this.acknowledgeTimeout = "off".equals(config.acknowledgeTimeout()) ? null
                : Duration.parse(config.acknowledgeTimeout());
    }

    @Scheduled(identity = "renotify-sweep", every = "${topline.alerts.renotify-interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        if (!gate.enter()) {
            return;
        }
        try {
            sweep();
            reopenTimedOut();
            escalations.escalate();
            releaseHeld();
        } finally {
            gate.exit();
        }
    }

    /** Fires again the acknowledgements older than the timeout; returns how many (none when it is off). */
    public int reopenTimedOut() {
        if (acknowledgeTimeout == null) {
            return 0;
        }
        int reopened = 0;
        for (UUID id : alerts.acknowledgementsOlderThan(acknowledgeTimeout)) {
            if (!gate.closing() && alerts.reopenIfTimedOut(id, acknowledgeTimeout)) {
                reopened++;
            }
        }
        return reopened;
    }

    /** Sends the downstream firings held behind causes that no longer fire; returns how many it sent. */
    public int releaseHeld() {
        int sent = 0;
        for (UUID id : holds.alertsToRelease()) {
            if (!gate.closing()) {
                sent += alerts.releaseHeld(id);
            }
        }
        return sent;
    }

    /** One sweep; returns how many repeats it scheduled, or -1 when another replica's sweep holds the lock. */
    public int sweep() {
        return QuarkusTransaction.requiringNew().call(() -> {
            if (!locks.tryLockForTransaction(LOCK)) {
                return -1;
            }
            List<NotifiedSubscriptions.Due> due = notified.dueForRepeat(BATCH);
            due.forEach(alerts::renotify);
            return due.size();
        });
    }
}
