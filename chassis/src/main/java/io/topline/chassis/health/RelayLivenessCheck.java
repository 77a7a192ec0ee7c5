package io.topline.chassis.health;

import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * DOWN once the outbox relay's loop ended by an Error: nothing would publish the outbox again in this process, so
 * liveness fails and Kubernetes restarts the pod (a broker outage, by contrast, only backs the loop off).
 */
@Liveness
@HealthGroup(PipelineHealthChecks.GROUP)
@ApplicationScoped
public class RelayLivenessCheck implements HealthCheck {

    private final PipelineMonitor monitor;

    public RelayLivenessCheck(PipelineMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Outbox relay");
        return monitor.relayDied()
                .map(error -> response.down().withData("error", String.valueOf(error)))
                .orElseGet(response::up)
                .build();
    }
}
