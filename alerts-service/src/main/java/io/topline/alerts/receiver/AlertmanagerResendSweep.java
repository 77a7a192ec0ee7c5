package io.topline.alerts.receiver;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.scheduler.Scheduled;
import io.topline.alerts.alert.AlertService;
import io.topline.alerts.alert.NotifiedSubscriptions;
import io.topline.alerts.lifecycle.ShutdownGate;
import io.topline.chassis.db.AdvisoryLocks;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;

/**
 * Sends the open alerts an Alertmanager was told of again, once per interval: Alertmanager resolves an alert it stops
 * hearing of (after its {@code resolve_timeout}), as it expects Prometheus to re-send active ones. One replica at a
 * time, under an advisory lock; a second run finds nothing due.
 */
@ApplicationScoped
public class AlertmanagerResendSweep {

    static final String LOCK = "alertmanager-resend-sweep";
    private static final int BATCH = 500;

    private final NotifiedSubscriptions notified;
    private final AlertService alerts;
    private final AdvisoryLocks locks;
    private final ShutdownGate gate;
    private final ReceiverConfig config;

    public AlertmanagerResendSweep(NotifiedSubscriptions notified, AlertService alerts, AdvisoryLocks locks,
                                   ShutdownGate gate, ReceiverConfig config) {
        this.notified = notified;
        this.alerts = alerts;
        this.locks = locks;
        this.gate = gate;
        this.config = config;
    }

    @Scheduled(identity = "alertmanager-resend-sweep", every = "${topline.receivers.alertmanager-resend-interval:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        gate.run(() -> sweep(DurationConverter.parseDuration(config.alertmanagerResendInterval())));
    }

    /**
     * One sweep over the pairs last told at least {@code interval} ago; returns how many re-sends it scheduled, or -1
     * when another replica's sweep holds the lock.
     */
    public int sweep(Duration interval) {
        return QuarkusTransaction.requiringNew().call(() -> {
            if (!locks.tryLockForTransaction(LOCK)) {
                return -1;
            }
            List<NotifiedSubscriptions.Due> due = notified.dueForAlertmanager(interval, BATCH);
            due.forEach(alerts::resendToAlertmanager);
            return due.size();
        });
    }
}
