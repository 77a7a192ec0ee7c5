package io.topline.alerts.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.topline.alerts.alert.AlertEventData;
import io.topline.alerts.batch.BatchReads;
import io.topline.alerts.grouping.NotificationGroups;
import io.topline.alerts.kpi.WebhookOutcomeCounter;
import io.topline.alerts.receiver.ReceiverSettings;
import io.topline.alerts.subscription.SecretCipher;
import io.topline.alerts.subscription.Subscription;
import io.topline.alerts.subscription.SubscriptionRepository;
import io.topline.chassis.page.Page;
import io.topline.chassis.page.PageRequest;
import io.topline.chassis.page.PanachePages;
import io.topline.chassis.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * Schedules webhook deliveries in the alert's transaction, claims due ones for the worker, records each attempt's
 * outcome with the retry policy, and replays deliveries.
 *
 * <p>Delivery times follow the wall clock, not the organisation clock, because subscribers check
 * {@code webhook-timestamp} against theirs.
 */
@ApplicationScoped
public class DeliveryService {

    private static final Logger LOG = Logger.getLogger(DeliveryService.class);
    private static final String GONE = "GONE";

    private final SubscriptionRepository subscriptions;
    private final WebhookDeliveryRepository deliveries;
    private final WebhookAttemptRepository attempts;
    private final WebhookConfig config;
    private final ObjectMapper mapper;
    private final Event<DeliveriesScheduled> scheduled;
    private final SecretCipher cipher;
    private final Clock clock;
    // a field rather than a ninth constructor parameter: the counter is an observer, not part of the delivery rules
    @Inject
    WebhookOutcomeCounter outcomes;
    // likewise: grouping decides when a message goes, not what delivering it means
    @Inject
    NotificationGroups groups;
    // likewise: a batch's shared reads change how often the subscriptions are read, not who is interested
    @Inject
    BatchReads reads;

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
     * Persists one delivery per interested subscriber, in the caller's transaction, and returns their ids. The body
     * is the Standard Webhooks payload ({@code type}, {@code timestamp}, {@code data}), fixed now so that every retry
     * sends the same bytes.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> schedule(String messageId, String type, Instant timestamp, AlertEventData data) {
        List<UUID> interested = interested(data);
        scheduleTo(messageId, type, timestamp, data, interested);
        return interested;
    }

    /** The active subscriptions whose filters pick the alert event. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> interested(AlertEventData data) {
        List<Subscription> active = reads.get("active-subscriptions", subscriptions::active);
        return active.stream().filter(s -> s.wants(data)).map(Subscription::id).toList();
    }

    /**
     * Persists one delivery to each of the named subscriptions that is still active, whatever its filters say (a
     * resolve goes to every subscriber told of the firing), in the caller's transaction. A subscription that groups
     * gets the message queued in its group instead ({@link NotificationGroups}), sent with the others of the group.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void scheduleTo(String messageId, String type, Instant timestamp, AlertEventData data,
                           Collection<UUID> subscriptionIds) {
        List<Subscription> recipients = subscriptionIds.stream().distinct()
                .map(id -> subscriptions.findByIdOptional(id).filter(Subscription::active))
                .flatMap(Optional::stream).toList();
        if (recipients.isEmpty()) {
            return;
        }
        String payload = payload(type, timestamp, data);
        Instant now = clock.instant();
        int immediate = 0;
        for (Subscription subscription : recipients) {
            Duration wait = subscription.groupWait();
            if (wait.isZero()) {
                deliveries.persist(new WebhookDelivery(subscription.id(), messageId, type, payload, now,
                        firstAttemptAt(now)));
                immediate++;
            } else {
                groups.queue(subscription, wait, messageId, type, payload, data, now);
            }
        }
        if (immediate > 0) {
            scheduled.fire(new DeliveriesScheduled(immediate));
        }
    }

    /** The Standard Webhooks body of an alert event: {@code type}, {@code timestamp}, {@code data}. */
    public String payload(String type, Instant timestamp, AlertEventData data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("timestamp", timestamp);
        body.put("data", data);
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Webhook payload cannot be serialized", e);
        }
    }

    /**
     * Claims up to {@code limit} due deliveries for sending, leased for longer than one attempt can take. A
     * subscription with {@code inFlight} attempts at the per-subscription bound gets none; one whose secret cannot be
     * decrypted has its delivery failed with the reason recorded, and the others are claimed as usual. The deliveries
     * this instance is {@code attempting} are never claimed again by it, even past their lease.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<DeliveryJob> claimDue(int limit, Map<UUID, Integer> inFlight, Set<UUID> attempting) {
        Instant now = clock.instant();
        // name resolution and the answer may each take the timeout (WebhookSender), and recording takes a moment
        Instant lease = now.plus(config.timeout().multipliedBy(2)).plusSeconds(30).truncatedTo(ChronoUnit.MILLIS);
        int bound = config.maxInFlightPerSubscription();
        Set<UUID> full = inFlight.entrySet().stream().filter(e -> e.getValue() >= bound).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        Map<UUID, Integer> taken = new HashMap<>(inFlight);
        List<DeliveryJob> jobs = new ArrayList<>();
        for (WebhookDelivery delivery : deliveries.lockDue(now, limit, bound, full, attempting)) {
            if (taken.merge(delivery.subscriptionId(), 1, Integer::sum) > bound) {
                continue; // left due, unleased, for a later claim
            }
            claim(delivery, lease, now).ifPresent(jobs::add);
        }
        return jobs;
    }

    private Optional<DeliveryJob> claim(WebhookDelivery delivery, Instant lease, Instant now) {
        Subscription subscription = subscriptions.findById(delivery.subscriptionId());
        if (subscription == null || !subscription.active()) {
            delivery.cancel(now);
            return Optional.empty();
        }
        String secret;
        try {
            secret = subscription.secret(cipher);
        } catch (IllegalStateException e) {
            // nothing can be signed for this subscriber; the others' deliveries go on
            attempts.persist(new WebhookAttempt(delivery.id(), delivery.attempts() + 1, now, null,
                    "SECRET_UNREADABLE", e.getMessage(), 0, null));
            delivery.attempted(null, DeliveryStatus.FAILED, null, now);
            LOG.errorf("Delivery %s failed: %s", delivery.id(), e.getMessage());
            return Optional.empty();
        }
        delivery.lease(lease);
        return Optional.of(new DeliveryJob(delivery.id(), subscription.id(), subscription.url(), secret,
                delivery.messageId(), delivery.payload(), delivery.attempts() + 1, lease, subscription.receiver()));
    }

    /**
     * Records an attempt and decides what comes next: done, a retry on the schedule, or giving up. The attempt is
     * always logged; the delivery moves on only if it still holds this job's lease (otherwise another claim owns it).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(DeliveryJob job, AttemptResult result) {
        Optional<WebhookDelivery> found = deliveries.lockById(job.deliveryId());
        if (found.isEmpty()) {
            return;
        }
        WebhookDelivery delivery = found.get();
        Instant now = clock.instant();
        Decision decision = decide(job.attempt(), result, now);
        attempts.persist(new WebhookAttempt(delivery.id(), job.attempt(), result.startedAt(), result.statusCode(),
                decision.outcome(), result.error(), result.durationMs(), decision.retryAt()));
        outcomes.attempted(job.subscriptionId(), job.url(), decision.outcome());
        if (delivery.holds(job.leasedUntil())) {
            delivery.attempted(result.statusCode(), decision.next(), decision.retryAt(), now);
        } else if (delivery.status() == DeliveryStatus.PENDING) {
            LOG.warnf("Attempt %d of delivery %s ended after its lease; the delivery is left to its newer claim",
                    job.attempt(), delivery.id());
        }
        if (GONE.equals(decision.outcome())) {
            disableGone(job.subscriptionId(), now);
        }
    }

    /** 2xx succeeds; 410, a refused address and an abort fail; anything else is retried while the schedule lasts. */
    Decision decide(int attempt, AttemptResult result, Instant now) {
        Integer status = result.statusCode();
        if (status != null && status >= 200 && status < 300) {
            return Decision.done(DeliveryStatus.SUCCEEDED, "SUCCEEDED");
        }
        if (status != null && status == 410) {
            return Decision.done(DeliveryStatus.FAILED, GONE);
        }
        if (result.refused()) {
            return Decision.done(DeliveryStatus.FAILED, "REFUSED");
        }
        if (result.abortRequested()) {
            return Decision.done(DeliveryStatus.FAILED, "ABORTED");
        }
        if (attempt >= config.retry().schedule().size()) {
            return Decision.done(DeliveryStatus.FAILED, "EXHAUSTED");
        }
        return new Decision(DeliveryStatus.PENDING, "RETRY", now.plus(pauseBefore(attempt + 1, result.retryAfter())));
    }

    private void disableGone(UUID subscriptionId, Instant now) {
        // 410 means the endpoint is gone for good: stop sending there, keep the log
        Subscription subscription = subscriptions.findById(subscriptionId);
        if (subscription != null && subscription.active()) {
            subscription.disable("the subscriber answered 410 Gone at " + now);
            deliveries.cancelPending(subscription.id(), now);
            groups.dropFor(subscription.id());
        }
    }

    /**
     * Sends a delivery's message again as a new attempt series with the same {@code webhook-id}; refused while the
     * message is still pending for the subscription or the subscription is disabled.
     */
    @Transactional
    public DeliveryResponse replay(UUID subscriptionId, UUID deliveryId) {
        lockEnabled(subscriptionId);
        WebhookDelivery original = deliveries.findByIdOptional(deliveryId)
                .filter(d -> d.subscriptionId().equals(subscriptionId))
                .orElseThrow(() -> ProblemException.notFound("Delivery", deliveryId.toString()));
        if (deliveries.pendingMessageIds(subscriptionId).contains(original.messageId())) {
            throw ProblemException.conflict("delivery-pending", "Message " + original.messageId()
                    + " is still being delivered to this subscription; it can be replayed once that delivery ends");
        }
        WebhookDelivery replay = replayOf(original);
        scheduled.fire(new DeliveriesScheduled(1));
        return DeliveryResponse.of(replay, List.of());
    }

    /**
     * Sends again every message scheduled for the subscription at or after {@code since}, each as a new attempt
     * series with its {@code webhook-id}; messages still pending are left to their series.
     */
    @Transactional
    public ReplayResponse replaySince(UUID subscriptionId, Instant since) {
        lockEnabled(subscriptionId);
        Set<String> pending = deliveries.pendingMessageIds(subscriptionId);
        int replayed = 0;
        int skipped = 0;
        for (WebhookDelivery original : deliveries.firstDeliveriesSince(subscriptionId, since)) {
            if (pending.contains(original.messageId())) {
                skipped++;
            } else {
                replayOf(original);
                replayed++;
            }
        }
        if (replayed > 0) {
            scheduled.fire(new DeliveriesScheduled(replayed));
        }
        return new ReplayResponse(since, replayed, skipped);
    }

    private WebhookDelivery replayOf(WebhookDelivery original) {
        Instant now = clock.instant();
        WebhookDelivery replay = original.replay(now, firstAttemptAt(now));
        deliveries.persist(replay);
        return replay;
    }

    /** The subscription, locked so that concurrent replays of it take turns (one pending series per message). */
    private Subscription lockEnabled(UUID subscriptionId) {
        Subscription subscription = subscriptions.findByIdOptional(subscriptionId, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> ProblemException.notFound("Subscription", subscriptionId.toString()));
        if (!subscription.active()) {
            throw ProblemException.conflict("subscription-disabled", "Subscription " + subscriptionId
                    + " is disabled (" + subscription.disabledReason() + "); enable it before replaying");
        }
        return subscription;
    }

    /** Deliveries of a subscription with their attempt logs, newest first. */
    @Transactional
    public Page<DeliveryResponse> ofSubscription(UUID subscriptionId, PageRequest page) {
        Page<WebhookDelivery> found = PanachePages.of(deliveries.ofSubscription(subscriptionId), page);
        Map<UUID, List<WebhookAttempt>> log = attempts.ofDeliveries(found.items().stream().map(WebhookDelivery::id)
                .toList()).stream().collect(Collectors.groupingBy(WebhookAttempt::deliveryId));
        return found.map(d -> DeliveryResponse.of(d, log.getOrDefault(d.id(), List.of())));
    }

    private Instant firstAttemptAt(Instant now) {
        return now.plus(config.retry().schedule().get(0));
    }

    /**
     * The scheduled pause before attempt {@code attempt} (2 or later) with jitter, never shorter than the
     * subscriber's {@code Retry-After}, itself capped.
     */
    Duration pauseBefore(int attempt, Duration retryAfter) {
        WebhookConfig.Retry retry = config.retry();
        double step = retry.schedule().get(attempt - 1).toMillis();
        double jitter = retry.jitter() <= 0 ? 0 : ThreadLocalRandom.current().nextDouble(-retry.jitter(), retry.jitter());
        long millis = (long) (step * (1 + jitter));
        if (retryAfter != null) {
            millis = Math.max(millis, Math.min(retry.maxRetryAfter().toMillis(), retryAfter.toMillis()));
        }
        return Duration.ofMillis(Math.max(0, millis));
    }

    /**
     * What the worker needs to make one attempt, read in the claiming transaction, and the lease it holds. The
     * {@code secret} signs a webhook; for PagerDuty it is the routing key.
     */
    public record DeliveryJob(UUID deliveryId, UUID subscriptionId, String url, String secret, String messageId,
                              String payload, int attempt, Instant leasedUntil, ReceiverSettings receiver) {

        /** A Standard Webhooks job. */
        public DeliveryJob(UUID deliveryId, UUID subscriptionId, String url, String secret, String messageId,
                           String payload, int attempt, Instant leasedUntil) {
            this(deliveryId, subscriptionId, url, secret, messageId, payload, attempt, leasedUntil,
                    ReceiverSettings.webhook());
        }
    }

    /**
     * What one attempt gave: a status code (with the subscriber's {@code Retry-After} and whether it asked to abort),
     * or no answer with an error; {@code refused} when the guard said no.
     */
    public record AttemptResult(Integer statusCode, Duration retryAfter, boolean abortRequested, String error,
                                boolean refused, Instant startedAt, long durationMs) {
    }

    /** What a replay since an instant did: messages sent again, and messages left to the series they are in. */
    public record ReplayResponse(Instant since, int replayed, int stillPending) {
    }

    /** An attempt's outcome and the delivery's next status, with when the retry is due. */
    record Decision(DeliveryStatus next, String outcome, Instant retryAt) {
        static Decision done(DeliveryStatus next, String outcome) {
            return new Decision(next, outcome, null);
        }
    }

    /** Fired when deliveries were scheduled; the worker wakes after the commit. */
    public record DeliveriesScheduled(int count) {
    }
}
