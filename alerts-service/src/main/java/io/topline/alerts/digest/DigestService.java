package io.topline.alerts.digest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.topline.alerts.alert.Alert;
import io.topline.alerts.alert.AlertRepository;
import io.topline.alerts.alert.AlertState;
import io.topline.alerts.cause.LikelyCause;
import io.topline.alerts.delivery.DeliveryService.DeliveriesScheduled;
import io.topline.alerts.delivery.WebhookConfig;
import io.topline.alerts.delivery.WebhookDelivery;
import io.topline.alerts.delivery.WebhookDeliveryRepository;
import io.topline.alerts.digest.Digest.Counts;
import io.topline.alerts.digest.Digest.DigestAlert;
import io.topline.alerts.digest.Digest.DigestMeasure;
import io.topline.alerts.digest.DigestReader.MeasureStatus;
import io.topline.alerts.receiver.ReceiverKind;
import io.topline.alerts.subscription.AlertSelector;
import io.topline.alerts.subscription.Subscription;
import io.topline.alerts.subscription.SubscriptionRepository;
import io.topline.chassis.calendar.FiscalCalendar;
import io.topline.chassis.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Builds digests (the scorecard's red and amber measures with their likely causes, and the open alerts) and sends
 * them to the receivers that asked for one, on their schedules: each scheduled digest once, however many replicas
 * check, because the subscription row is locked and records the digest it sent in the delivery's transaction.
 */
@ApplicationScoped
public class DigestService {

    private static final Set<String> WITHOUT_ALERTS = Set.of();
    private static final Logger LOG = Logger.getLogger(DigestService.class);

    private final DigestReader reader;
    private final AlertRepository alerts;
    private final SubscriptionRepository subscriptions;
    private final WebhookDeliveryRepository deliveries;
    private final WebhookConfig webhooks;
    private final DigestConfig config;
    private final ObjectMapper mapper;
    private final Event<DeliveriesScheduled> scheduled;
    private final Clock clock;
    private final ZoneId zone;

    @SuppressWarnings("java:S107")
    public DigestService(DigestReader reader, AlertRepository alerts, SubscriptionRepository subscriptions,
                         WebhookDeliveryRepository deliveries, WebhookConfig webhooks, DigestConfig config,
                         ObjectMapper mapper, Event<DeliveriesScheduled> scheduled, Clock clock,
                         FiscalCalendar calendar) {
        this.reader = reader;
        this.alerts = alerts;
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.webhooks = webhooks;
        this.config = config;
        this.mapper = mapper;
        this.scheduled = scheduled;
        this.clock = clock;
        this.zone = calendar.zone();
    }

    /** The digest of everything as of now, for whoever wants to read it before it is sent. */
    @Transactional
    public Digest current() {
        Instant now = clock.instant();
        return build(new AlertSelector(List.of(), List.of(), List.of(), List.of(), null), now, now);
    }

    /**
     * Sends the digests that fell due since each receiver's last one (only the latest when several did, so that a
     * long outage sends one digest, not a backlog); returns how many.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int sendDue() {
        Instant now = clock.instant();
        int sent = 0;
        for (Subscription subscription : subscriptions.lockWithDigest()) {
            Optional<Instant> due;
            try {
                due = DigestSchedule.parse("digest", subscription.digestSchedule(), zone).lastDueAt(now);
            } catch (RuntimeException e) {
                // one schedule cron-utils cannot answer must not stop the others' digests
                LOG.errorf("The digest schedule '%s' of subscription %s cannot be read: %s",
                        subscription.digestSchedule(), subscription.id(), e.getMessage());
                continue;
            }
            Instant since = subscription.lastDigestAt() != null ? subscription.lastDigestAt()
                    : subscription.createdAt();
            if (due.isPresent() && due.get().isAfter(since)) {
                send(subscription, "digest-" + subscription.id() + "-" + due.get().getEpochSecond(), due.get(), now);
                subscription.digestSent(due.get());
                sent++;
            }
        }
        if (sent > 0) {
            scheduled.fire(new DeliveriesScheduled(sent));
        }
        return sent;
    }

    /** Sends the subscription a digest now, whatever its schedule (a first look at what it will get). */
    @Transactional
    public WebhookDelivery sendNow(UUID subscriptionId) {
        Subscription subscription = subscriptions.findByIdOptional(subscriptionId)
                .orElseThrow(() -> ProblemException.notFound("Subscription", subscriptionId.toString()));
        ReceiverKind kind = subscription.receiverKind();
        if (kind == ReceiverKind.PAGERDUTY || kind == ReceiverKind.ALERTMANAGER) {
            throw ProblemException.conflict("receiver-without-digest", "A " + kind + " receiver takes alerts, "
                    + "not digests");
        }
        if (!subscription.active()) {
            throw ProblemException.conflict("subscription-disabled", "Subscription " + subscriptionId
                    + " is disabled (" + subscription.disabledReason() + "); enable it first");
        }
        Instant now = clock.instant();
        WebhookDelivery delivery = send(subscription, "digest-" + subscription.id() + "-now-" + UUID.randomUUID(),
                now, now);
        scheduled.fire(new DeliveriesScheduled(1));
        return delivery;
    }

    private WebhookDelivery send(Subscription subscription, String messageId, Instant dueAt, Instant now) {
        Digest digest = build(subscription.selector(), dueAt, now);
        WebhookDelivery delivery = new WebhookDelivery(subscription.id(), messageId, Digest.TYPE,
                payload(digest, now), now, now.plus(webhooks.retry().schedule().get(0)));
        deliveries.persist(delivery);
        return delivery;
    }

    /** The digest of the measures and alerts the selector picks (its kinds and severity apply to alerts only). */
    Digest build(AlertSelector selector, Instant dueAt, Instant now) {
        List<Alert> open = alerts.open().stream().filter(a -> selector.admits(a.driverKey(), a.driverFunction(),
                a.measureKey(), a.kind().name(), a.severity())).toList();
        Map<String, Set<String>> causes = causesByMeasure(open);
        List<MeasureStatus> measures = reader.latest(now).stream().filter(m -> inScope(selector, m)).toList();
        Counts counts = new Counts(measures.size(), count(measures, "MET"), count(measures, "AT_RISK"),
                count(measures, "MISSED"), count(measures, "NO_DATA"), open.size());
        return new Digest(dueAt, zone.getId(), counts, listed(measures, "MISSED", causes),
                listed(measures, "AT_RISK", causes), open.stream().limit(config.maxItems()).map(DigestService::listed)
                .toList());
    }

    private static boolean inScope(AlertSelector selector, MeasureStatus measure) {
        return (selector.drivers().isEmpty() || selector.drivers().contains(measure.driverKey()))
                && (selector.functions().isEmpty() || selector.functions().contains(measure.function()))
                && (selector.measures().isEmpty() || selector.measures().contains(measure.key()));
    }

    private List<DigestMeasure> listed(List<MeasureStatus> measures, String status, Map<String, Set<String>> causes) {
        return measures.stream().filter(m -> status.equals(m.status())).limit(config.maxItems())
                .map(m -> new DigestMeasure(m.key(), m.name(), m.driverKey(), m.driverName(), m.function(),
                        m.period(), m.actual(), m.successLevel(), m.failureLevel(), m.status(), m.state(),
                        List.copyOf(causes.getOrDefault(m.key(), WITHOUT_ALERTS))))
                .toList();
    }

    private static DigestAlert listed(Alert alert) {
        Instant since = alert.lastFiring() != null ? alert.lastFiring().at() : alert.createdAt();
        return new DigestAlert(alert.id().toString(), alert.kind().name(), alert.state().name(), alert.severity(),
                alert.measureKey(), alert.measureName(), alert.driverName(), alert.period(), alert.summary(), since);
    }

    /** What upstream likely explains each measure's open red alerts, nearest first, each named once. */
    private static Map<String, Set<String>> causesByMeasure(List<Alert> open) {
        Map<String, Set<String>> causes = new LinkedHashMap<>();
        for (Alert alert : open) {
            if (alert.state() == AlertState.RESOLVED) {
                continue;
            }
            for (LikelyCause cause : alert.likelyCauses()) {
                causes.computeIfAbsent(alert.measureKey(), key -> new LinkedHashSet<>())
                        .add(cause.measureName() + " (" + cause.driverName() + ") " + cause.kind() + " in "
                                + cause.period());
            }
        }
        return causes;
    }

    private static int count(List<MeasureStatus> measures, String status) {
        return (int) measures.stream().filter(m -> status.equals(m.status())).count();
    }

    private String payload(Digest digest, Instant now) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", Digest.TYPE);
        body.put("timestamp", now);
        body.put("data", digest);
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A digest cannot be serialized", e);
        }
    }
}
