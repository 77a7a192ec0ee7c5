package io.topline.alerts.grouping;

import io.quarkus.scheduler.Scheduled;
import io.topline.alerts.lifecycle.ShutdownGate;
import jakarta.enterprise.context.ApplicationScoped;

/** Closes due notification groups on a schedule; every replica may try, one at a time does it. */
@ApplicationScoped
public class GroupSweep {

    private final NotificationGroups groups;
    private final ShutdownGate gate;

    public GroupSweep(NotificationGroups groups, ShutdownGate gate) {
        this.groups = groups;
        this.gate = gate;
    }

    @Scheduled(identity = "group-sweep", every = "${topline.grouping.check-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        gate.run(groups::closeDue);
    }
}
