package io.topline.alerts.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.topline.alerts.alert.AlertEventData;
import io.topline.alerts.subscription.SecretCipher;
import io.topline.alerts.subscription.Subscription;
import io.topline.alerts.subscription.SubscriptionRepository;
import io.topline.chassis.page.Page;
import io.topline.chassis.page.PageRequest;
import io.topline.chassis.page.PanachePages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * Schedules webhook deliveries in the alert's transaction and records each attempt's outcome with the retry policy.
 *
 * <p>Delivery times follow the wall clock, not the organisation clock, because subscribers check
 * {@code webhook-timestamp} against theirs.
 */
@ApplicationScoped
public class DeliveryService {

    private final SubscriptionRepository subscriptions;
    private final WebhookDeliveryRepository deliveries;
    private final WebhookAttemptRepository attempts;
    private final WebhookConfig config;
    private final ObjectMapper mapper;
    private final Event<DeliveriesScheduled> scheduled;
    private final SecretCipher cipher;
    private final Clock clock;

    @SuppressWarnings("java:S107")
    public DeliveryService(SubscriptionRepository subscriptions, WebhookDeliveryRepository deliveries,
                           WebhookAttemptRepository attempts, WebhookConfig config, ObjectMapper mapper,
                           Event<DeliveriesScheduled> scheduled, SecretCipher cipher, Clock clock) {
        this.subscriptions = subscriptions;
        this.clock = clock;
        this.deliveries = deliveries;
        this.attempts = attempts;
        this.config = config;
        this.mapper = mapper;
        this.scheduled = scheduled;
        this.cipher = cipher;
    }

    /**
     * Persists one delivery per interested subscriber, in the caller's transaction. The body is the Standard
     * Webhooks payload ({@code type}, {@code timestamp}, {@code data}), fixed now so that every retry sends the same
     * bytes.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void schedule(String messageId, String type, Instant timestamp, AlertEventData data) {
        List<Subscription> interested = subscriptions.active().stream().filter(s -> s.wants(data)).toList();
        if (interested.isEmpty()) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("timestamp", timestamp);
        body.put("data", data);
        String payload;
        try {
            payload = mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Webhook payload cannot be serialized", e);
        }
        Instant now = clock.instant();
        for (Subscription subscription : interested) {
            deliveries.persist(new WebhookDelivery(subscription.id(), messageId, type, payload, now));
        }
        scheduled.fire(new DeliveriesScheduled(interested.size()));
    }

    /** Claims due deliveries for sending, with a lease longer than one attempt can take. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<DeliveryJob> claimDue(int limit) {
        Instant now = clock.instant();
        Instant lease = now.plus(config.timeout()).plusSeconds(30);
        List<DeliveryJob> jobs = new ArrayList<>();
        for (WebhookDelivery delivery : deliveries.lockDue(now, limit)) {
            Subscription subscription = subscriptions.findById(delivery.subscriptionId());
            if (subscription == null || !subscription.active()) {
                delivery.cancel(now);
                continue;
            }
            delivery.lease(lease);
            jobs.add(new DeliveryJob(delivery.id(), subscription.id(), subscription.url(), subscription.secret(cipher),
                    delivery.messageId(), delivery.payload(), delivery.attempts() + 1));
        }
        return jobs;
    }

    /** Records an attempt and decides what comes next: done, a retry after backoff, or giving up. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(DeliveryJob job, AttemptResult result) {
        WebhookDelivery delivery = deliveries.findById(job.deliveryId());
        if (delivery == null || delivery.status() != DeliveryStatus.PENDING) {
            return;
        }
        Instant now = clock.instant();
        Integer status = result.statusCode();
        DeliveryStatus next;
        String outcome;
        Instant retryAt = null;
        if (status != null && status >= 200 && status < 300) {
            next = DeliveryStatus.SUCCEEDED;
            outcome = "SUCCEEDED";
        } else if (status != null && status == 410) {
            next = DeliveryStatus.FAILED;
            outcome = "GONE";
        } else if (result.refused() || !retryable(status)) {
            next = DeliveryStatus.FAILED;
            outcome = result.refused() ? "REFUSED" : "REJECTED";
        } else if (job.attempt() >= config.retry().maxAttempts()) {
            next = DeliveryStatus.FAILED;
            outcome = "EXHAUSTED";
        } else {
            next = DeliveryStatus.PENDING;
            outcome = "RETRY";
            retryAt = now.plus(backoff(job.attempt(), result.retryAfter()));
        }
        attempts.persist(new WebhookAttempt(delivery.id(), job.attempt(), result.startedAt(), status, outcome,
                result.error(), result.durationMs(), retryAt));
        delivery.attempted(status, next, retryAt, now);
        if ("GONE".equals(outcome)) {
            // 410 means the endpoint is gone for good: stop sending there, keep the log
            Subscription subscription = subscriptions.findById(job.subscriptionId());
            if (subscription != null) {
                subscription.disable("the subscriber answered 410 Gone at " + now);
                deliveries.cancelPending(subscription.id(), now);
            }
        }
    }

    /** Deliveries of a subscription with their attempt logs, newest first. */
    @Transactional
    public Page<DeliveryResponse> ofSubscription(UUID subscriptionId, PageRequest page) {
        Page<WebhookDelivery> found = PanachePages.of(deliveries.ofSubscription(subscriptionId), page);
        Map<UUID, List<WebhookAttempt>> log = attempts.ofDeliveries(found.items().stream().map(WebhookDelivery::id)
                .toList()).stream().collect(Collectors.groupingBy(WebhookAttempt::deliveryId));
        return found.map(d -> DeliveryResponse.of(d, log.getOrDefault(d.id(), List.of())));
    }

    /** 5xx, 408, 429 and no answer at all (timeouts, refused connections) are worth another try. */
    static boolean retryable(Integer status) {
        return status == null || status >= 500 || status == 408 || status == 429;
    }

    /** Exponential backoff with jitter, never shorter than the subscriber's {@code Retry-After}, capped. */
    Duration backoff(int attempt, Duration retryAfter) {
        WebhookConfig.Retry retry = config.retry();
        double base = retry.initialBackoff().toMillis() * Math.pow(2, Math.max(0, attempt - 1));
        double jitter = retry.jitter() <= 0 ? 0 : ThreadLocalRandom.current().nextDouble(-retry.jitter(), retry.jitter());
        long millis = (long) Math.min(retry.maxBackoff().toMillis(), base * (1 + jitter));
        if (retryAfter != null && retryAfter.toMillis() > millis) {
            millis = Math.min(retry.maxBackoff().toMillis(), retryAfter.toMillis());
        }
        return Duration.ofMillis(Math.max(0, millis));
    }

    /** What the worker needs to make one attempt, read in the claiming transaction. */
    public record DeliveryJob(UUID deliveryId, UUID subscriptionId, String url, String secret, String messageId,
                              String payload, int attempt) {
    }

    /** What one attempt gave: a status code, or no answer with an error; {@code refused} when the guard said no. */
    public record AttemptResult(Integer statusCode, Duration retryAfter, String error, boolean refused,
                                Instant startedAt, long durationMs) {
    }

    /** Fired when deliveries were scheduled; the worker wakes after the commit. */
    public record DeliveriesScheduled(int count) {
    }
}
