package io.topline.alerts.stream;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.topline.alerts.alert.AlertTransitioned;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

/** Broadcasts committed alert transitions to every open server-sent-events stream. */
@ApplicationScoped
public class AlertStream {

    private final BroadcastProcessor<AlertTransitioned> processor = BroadcastProcessor.create();

    /** Only committed transitions go out: a rolled-back one was never true. */
    void onTransition(@Observes(during = TransactionPhase.AFTER_SUCCESS) AlertTransitioned transition) {
        synchronized (processor) {
            processor.onNext(transition);
        }
    }

    /** Transitions from now on, for one subscriber. */
    public Multi<AlertTransitioned> transitions() {
        return processor;
    }
}
