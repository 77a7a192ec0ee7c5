package io.topline.alerts.delivery;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.topline.alerts.delivery.DeliveryService.DeliveryJob;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends due webhook deliveries, signed per Standard Webhooks, and records every attempt.
 *
 * <p>A commit that scheduled deliveries wakes it at once (alert latency matters); a timer finds retries that fell
 * due and deliveries left pending by a restart, since they are all rows in the database. The loop only claims: each
 * attempt runs on its own thread, from name resolution to recording its outcome, so a slow, hanging or unresolvable
 * subscriber holds only its own attempts, at most {@code max-in-flight-per-subscription} of them.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    static final int BATCH = 50;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final DeliveryService deliveries;
    private final WebhookSender sender;
    private final WebhookConfig config;
    private final Semaphore wakeUp = new Semaphore(0);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<UUID, Integer> inFlightBySubscription = new ConcurrentHashMap<>();
    private final Set<UUID> attempting = ConcurrentHashMap.newKeySet();
    private ExecutorService loop;
    private ExecutorService attempts;
    private volatile boolean running;
    private volatile Throwable died;

    public DeliveryWorker(DeliveryService deliveries, WebhookSender sender, WebhookConfig config) {
        this.deliveries = deliveries;
        this.sender = sender;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        loop = Executors.newSingleThreadExecutor(daemon("webhook-delivery"));
        // one thread per attempt in flight: the loop never starts more, so none waits in a queue
        attempts = Executors.newFixedThreadPool(config.maxInFlight(), daemon("webhook-attempt"));
        loop.submit(this::loop);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        wakeUp.release();
        loop.shutdown();
        attempts.shutdown();
        try {
            loop.awaitTermination(5, TimeUnit.SECONDS);
            attempts.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void onScheduled(@Observes(during = TransactionPhase.AFTER_SUCCESS) DeliveryService.DeliveriesScheduled event) {
        wakeUp.release();
    }

    /** What ended the worker's loop other than a shutdown, or {@code null} while it works. */
    public Throwable died() {
        return died;
    }

    private void loop() {
        try {
            Duration backoff = Duration.ZERO;
            while (running) {
                awaitWork(backoff);
                backoff = drain(backoff);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            // an Error: deliveries can no longer go out, and health says so instead of them silently piling up
            died = e;
            LOG.error("Webhook delivery worker stopped", e);
        }
    }

    private void awaitWork(Duration backoff) throws InterruptedException {
        if (!backoff.isZero()) {
            Thread.sleep(backoff.toMillis());
        } else {
            wakeUp.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        }
        wakeUp.drainPermits();
    }

    /** Starts attempts while claims find due work; returns the backoff before the next look. */
    private Duration drain(Duration backoff) {
        try {
            while (running && startDueAttempts() > 0) {
                // keep claiming while there is due work and a free slot
            }
            return Duration.ZERO;
        } catch (RuntimeException e) {
            Duration next = backoff.isZero() ? Duration.ofMillis(200) : backoff.multipliedBy(2);
            next = next.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : next;
            LOG.warnf("Could not claim due webhook deliveries (%s); trying again in %d ms", e.getMessage(),
                    next.toMillis());
            return next;
        }
    }

    /**
     * Claims as many due deliveries as there are free slots and starts one attempt for each, without waiting for
     * them; returns how many it started.
     */
    public int startDueAttempts() {
        int free = config.maxInFlight() - inFlight.get();
        if (free <= 0) {
            return 0;
        }
        List<DeliveryJob> jobs = deliveries.claimDue(Math.min(free, BATCH), Map.copyOf(inFlightBySubscription),
                Set.copyOf(attempting));
        for (DeliveryJob job : jobs) {
            start(job);
        }
        return jobs.size();
    }

    private void start(DeliveryJob job) {
        inFlight.incrementAndGet();
        attempting.add(job.deliveryId());
        inFlightBySubscription.merge(job.subscriptionId(), 1, Integer::sum);
        try {
            attempts.execute(() -> attempt(job));
        } catch (RejectedExecutionException e) {
            // shutting down: the lease runs out and another instance (or the next start) makes the attempt
            finished(job);
        }
    }

    private void attempt(DeliveryJob job) {
        try {
            deliveries.record(job, sender.send(job).join());
        } catch (Throwable e) {
            // the lease runs out and the delivery is tried again with the same webhook-id
            LOG.errorf(e, "Could not make or record attempt %d of delivery %s", job.attempt(), job.deliveryId());
        } finally {
            finished(job);
            wakeUp.release();
        }
    }

    private void finished(DeliveryJob job) {
        inFlightBySubscription.computeIfPresent(job.subscriptionId(), (id, count) -> count > 1 ? count - 1 : null);
        attempting.remove(job.deliveryId());
        inFlight.decrementAndGet();
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Reads {@code Retry-After} as seconds or as an HTTP date (a wait from {@code now}); anything else is ignored. */
    static Duration retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(now, at.toInstant());
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (RuntimeException ignored) {
                return null;
            }
        }
    }
}
