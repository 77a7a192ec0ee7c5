package io.topline.alerts.delivery;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.topline.alerts.delivery.DeliveryService.AttemptResult;
import io.topline.alerts.delivery.DeliveryService.DeliveryJob;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Sends due webhook deliveries, signed per Standard Webhooks, and records every attempt.
 *
 * <p>A commit that scheduled deliveries wakes it at once (alert latency matters); a timer finds retries that fell
 * due and deliveries left pending by a restart, since they are all rows in the database.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    static final int BATCH = 50;

    private final DeliveryService deliveries;
    private final WebhookSender sender;
    private final WebhookConfig config;
    private final Semaphore wakeUp = new Semaphore(0);
    private ExecutorService worker;
    private volatile boolean running;

    public DeliveryWorker(DeliveryService deliveries, WebhookSender sender, WebhookConfig config) {
        this.deliveries = deliveries;
        this.sender = sender;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        worker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "webhook-delivery");
            thread.setDaemon(true);
            return thread;
        });
        worker.submit(this::loop);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        wakeUp.release();
        worker.shutdown();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void onScheduled(@Observes(during = TransactionPhase.AFTER_SUCCESS) DeliveryService.DeliveriesScheduled event) {
        wakeUp.release();
    }

    private void loop() {
        while (running) {
            try {
                wakeUp.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeUp.drainPermits();
                while (running && deliverRound() > 0) {
                    // keep going while there is due work
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf(e, "Webhook delivery round failed; trying again");
            }
        }
    }

    /** Sends one round of due deliveries in parallel and records them; returns how many it sent. */
    public int deliverRound() {
        List<DeliveryJob> jobs = deliveries.claimDue(BATCH);
        if (jobs.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<AttemptResult>> attempts = new ArrayList<>(jobs.size());
        for (DeliveryJob job : jobs) {
            attempts.add(sender.send(job));
        }
        // recorded on this thread: the HTTP client answers on an event loop, which must not wait for the database
        for (int i = 0; i < jobs.size(); i++) {
            DeliveryJob job = jobs.get(i);
            try {
                deliveries.record(job, attempts.get(i).join());
            } catch (RuntimeException e) {
                // the lease runs out and the delivery is tried again with the same webhook-id
                LOG.errorf(e, "Could not record attempt %d of delivery %s", job.attempt(), job.deliveryId());
            }
        }
        return jobs.size();
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
