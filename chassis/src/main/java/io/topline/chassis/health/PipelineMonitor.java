package io.topline.chassis.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.topline.chassis.outbox.OutboxEvents;
import io.topline.chassis.outbox.OutboxRelay;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Measures the pipeline in the background and keeps the last {@link PipelineSnapshot} for the {@code pipeline}
 * health group and the Prometheus gauges; a scrape or a probe never waits for the broker or the database.
 */
@ApplicationScoped
public class PipelineMonitor {

    private static final Logger LOG = Logger.getLogger(PipelineMonitor.class);

    private final OutboxEvents outbox;
    private final OutboxRelay relay;
    private final KafkaAdmin kafka;
    private final IncomingChannels channels;
    private final PipelineConfig config;
    private final MeterRegistry registry;
    private final Clock clock;
    private volatile PipelineSnapshot snapshot;
    private ScheduledExecutorService refresher;

    public PipelineMonitor(OutboxEvents outbox, OutboxRelay relay, KafkaAdmin kafka, IncomingChannels channels,
                           PipelineConfig config, MeterRegistry registry, Clock clock) {
        this.outbox = outbox;
        this.relay = relay;
        this.kafka = kafka;
        this.channels = channels;
        this.config = config;
        this.registry = registry;
        this.clock = clock;
        this.snapshot = PipelineSnapshot.unknown(clock.instant());
    }

    void start(@Observes StartupEvent event) {
        registerGauges();
        refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "pipeline-monitor");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(this::refreshQuietly, 0, config.refreshInterval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    /** The pipeline as last measured. */
    public PipelineSnapshot snapshot() {
        return snapshot;
    }

    /** What ended the outbox relay's loop, or empty while it works. */
    public Optional<Throwable> relayDied() {
        return Optional.ofNullable(relay.died());
    }

    private void refreshQuietly() {
        try {
            snapshot = measure();
        } catch (RuntimeException e) {
            // a refresh that fails keeps the last figures; the next one tries again
            LOG.warnf("Could not measure the pipeline: %s", e.getMessage());
        }
    }

    private PipelineSnapshot measure() {
        OutboxEvents.Backlog backlog = QuarkusTransaction.requiringNew().call(outbox::backlog);
        // a clock pinned in the past (tests) must not give a negative age
        Optional<Duration> age = backlog.oldest()
                .map(oldest -> Duration.between(oldest, clock.instant()))
                .map(between -> between.isNegative() ? Duration.ZERO : between);
        try {
            kafka.brokers();
        } catch (KafkaAdmin.BrokerUnavailableException e) {
            return new PipelineSnapshot(clock.instant(), Optional.of(e.getMessage()), backlog.events(), age,
                    Map.of(), Map.of());
        }
        Map<String, Long> lag = new LinkedHashMap<>();
        for (IncomingChannels.IncomingChannel channel : channels.all()) {
            channel.groupId().ifPresent(group ->
                    measureInto(lag, channel.name(), () -> kafka.lag(group, channel.topic())));
        }
        Map<String, Long> deadLetters = new LinkedHashMap<>();
        for (String topic : channels.deadLetterTopics()) {
            measureInto(deadLetters, topic, () -> kafka.records(topic));
        }
        return new PipelineSnapshot(clock.instant(), Optional.empty(), backlog.events(), age, Map.copyOf(lag),
                Map.copyOf(deadLetters));
    }

    /** One figure; one the broker would not give is left out (a gap in the gauge) rather than failing the rest. */
    private static void measureInto(Map<String, Long> figures, String name, LongSupplier measurement) {
        try {
            figures.put(name, measurement.getAsLong());
        } catch (KafkaAdmin.BrokerUnavailableException e) {
            LOG.debugf("Could not measure %s: %s", name, e.getMessage());
        }
    }

    private void registerGauges() {
        Gauge.builder("topline.outbox.backlog", this, m -> m.snapshot().outboxBacklog())
                .description("Events waiting in the outbox for the relay").baseUnit("events").register(registry);
        Gauge.builder("topline.outbox.oldest.age", this,
                        m -> m.snapshot().outboxOldestAge().map(age -> age.toMillis() / 1000.0).orElse(0.0))
                .description("Age of the oldest event waiting in the outbox (0 when none waits)")
                .baseUnit("seconds").register(registry);
        Gauge.builder("topline.outbox.relay.alive", this, m -> m.relayDied().isEmpty() ? 1 : 0)
                .description("1 while the outbox relay's loop runs, 0 once it died").register(registry);
        Gauge.builder("topline.kafka.reachable", this, m -> m.snapshot().brokerReachable() ? 1 : 0)
                .description("1 when the broker answered the last refresh").register(registry);
        for (IncomingChannels.IncomingChannel channel : channels.all()) {
            Gauge.builder("topline.consumer.lag", this, m -> figure(m.snapshot().consumerLag(), channel.name()))
                    .description("Records of the channel's topic its consumer group has not committed")
                    .tag("channel", channel.name()).baseUnit("records").register(registry);
        }
        for (String topic : channels.deadLetterTopics()) {
            Gauge.builder("topline.dead.letters", this, m -> figure(m.snapshot().deadLetters(), topic))
                    .description("Records the dead-letter topic holds").tag("topic", topic).baseUnit("records")
                    .register(registry);
        }
    }

    /** A figure of the last refresh, or NaN when it could not be measured (Prometheus shows a gap, not a zero). */
    private static double figure(Map<String, Long> figures, String name) {
        Long value = figures.get(name);
        return value == null ? Double.NaN : value;
    }
}
