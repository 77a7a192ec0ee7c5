package io.topline.alerts.digest;

import io.quarkus.scheduler.Scheduled;
import io.topline.alerts.lifecycle.ShutdownGate;
import jakarta.enterprise.context.ApplicationScoped;

/** Sends the digests that fell due; every replica may check, each digest goes once (the subscription row's lock). */
@ApplicationScoped
public class DigestSweep {

    private final DigestService digests;
    private final ShutdownGate gate;

    public DigestSweep(DigestService digests, ShutdownGate gate) {
        this.digests = digests;
        this.gate = gate;
    }

    @Scheduled(identity = "digest-sweep", every = "${topline.digests.check-interval:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        gate.run(digests::sendDue);
    }
}
