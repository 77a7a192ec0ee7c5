package io.topline.alerts.heartbeat;

import io.quarkus.scheduler.Scheduled;
import io.topline.alerts.lifecycle.ShutdownGate;
import jakarta.enterprise.context.ApplicationScoped;

/** Checks the heartbeat measures on a schedule; every replica may, since each measure is judged under its lock. */
@ApplicationScoped
public class HeartbeatSweep {

    private final HeartbeatService heartbeats;
    private final ShutdownGate gate;

    public HeartbeatSweep(HeartbeatService heartbeats, ShutdownGate gate) {
        this.heartbeats = heartbeats;
        this.gate = gate;
    }

    @Scheduled(identity = "heartbeat-sweep", every = "${topline.heartbeats.check-interval:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        gate.run(heartbeats::check);
    }
}
