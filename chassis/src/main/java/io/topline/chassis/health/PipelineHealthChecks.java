package io.topline.chassis.health;

import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import java.util.Map;

/**
 * The {@code pipeline} health group ({@code /q/health/group/pipeline}): the broker, the outbox backlog, the
 * consumers' lag and the dead letters. None of them is part of readiness: while the broker is down the API still
 * answers and the outbox keeps the writes, so taking every replica out of the load balancer would be the outage.
 */
@ApplicationScoped
public class PipelineHealthChecks {

    /** The name of the health group. */
    public static final String GROUP = "pipeline";

    private final PipelineMonitor monitor;
    private final PipelineConfig config;

    public PipelineHealthChecks(PipelineMonitor monitor, PipelineConfig config) {
        this.monitor = monitor;
        this.config = config;
    }

    @Produces
    @HealthGroup(GROUP)
    HealthCheck broker() {
        return () -> {
            PipelineSnapshot snapshot = monitor.snapshot();
            HealthCheckResponseBuilder response = HealthCheckResponse.named("Kafka broker")
                    .status(snapshot.brokerReachable())
                    .withData("measuredAt", snapshot.measuredAt().toString());
            snapshot.brokerError().ifPresent(error -> response.withData("error", error));
            return response.build();
        };
    }

    @Produces
    @HealthGroup(GROUP)
    HealthCheck outbox() {
        return () -> {
            PipelineSnapshot snapshot = monitor.snapshot();
            long ageSeconds = snapshot.outboxOldestAge().map(age -> age.toSeconds()).orElse(0L);
            boolean up = snapshot.outboxBacklog() <= config.outboxMaxBacklog()
                    && ageSeconds <= config.outboxMaxAge().toSeconds();
            return HealthCheckResponse.named("Outbox backlog").status(up)
                    .withData("events", snapshot.outboxBacklog())
                    .withData("oldestAgeSeconds", ageSeconds)
                    .withData("maxEvents", config.outboxMaxBacklog())
                    .withData("maxAgeSeconds", config.outboxMaxAge().toSeconds())
                    .build();
        };
    }

    @Produces
    @HealthGroup(GROUP)
    HealthCheck consumerLag() {
        return () -> {
            PipelineSnapshot snapshot = monitor.snapshot();
            HealthCheckResponseBuilder response = HealthCheckResponse.named("Consumer lag")
                    .status(snapshot.brokerReachable() && snapshot.consumerLag().values().stream()
                            .allMatch(lag -> lag <= config.consumerMaxLag()))
                    .withData("maxRecords", config.consumerMaxLag());
            withFigures(response, snapshot.consumerLag());
            return response.build();
        };
    }

    /** Dead letters wait for an operator, not for a restart: they are reported here but never turn the group DOWN. */
    @Produces
    @HealthGroup(GROUP)
    HealthCheck deadLetters() {
        return () -> {
            PipelineSnapshot snapshot = monitor.snapshot();
            HealthCheckResponseBuilder response = HealthCheckResponse.named("Dead letters").up();
            withFigures(response, snapshot.deadLetters());
            return response.build();
        };
    }

    private static void withFigures(HealthCheckResponseBuilder response, Map<String, Long> figures) {
        figures.forEach((name, value) -> response.withData(name, value.longValue()));
    }
}
