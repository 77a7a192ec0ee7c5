package io.topline.alerts.subscription;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.topline.alerts.alert.AlertKind;
import io.topline.alerts.alert.Severity;
import io.topline.alerts.delivery.SsrfGuard;
import io.topline.alerts.delivery.WebhookDeliveryRepository;
import io.topline.alerts.digest.DigestSchedule;
import io.topline.alerts.grouping.GroupLabel;
import io.topline.alerts.grouping.GroupingConfig;
import io.topline.alerts.grouping.PendingNotificationRepository;
import io.topline.alerts.receiver.MessageTemplate;
import io.topline.alerts.receiver.ReceiverConfig;
import io.topline.alerts.receiver.ReceiverKind;
import io.topline.alerts.receiver.TemplateCheck;
import io.topline.chassis.calendar.FiscalCalendar;
import io.topline.chassis.page.Page;
import io.topline.chassis.page.PageRequest;
import io.topline.chassis.page.PanachePages;
import io.topline.chassis.problem.ProblemException;
import io.topline.chassis.time.BoundedDurations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** Creates, lists, disables and enables subscriptions, checks each receiver kind's settings, and changes templates. */
@ApplicationScoped
public class SubscriptionService {

    private static final Duration MIN_REPEAT = Duration.ofMinutes(5);
    private static final Duration MAX_REPEAT = Duration.ofDays(7);
    private static final Duration MAX_GROUP_WAIT = Duration.ofHours(1);

    private static final Logger LOG = Logger.getLogger(SubscriptionService.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SubscriptionRepository subscriptions;
    private final WebhookDeliveryRepository deliveries;
    private final SsrfGuard guard;
    private final SecretCipher cipher;
    private final Clock clock;
    private final TemplateCheck templates;
    private final ReceiverConfig receivers;
    private final GroupingConfig grouping;
    private final ZoneId zone;
    // a field rather than a tenth constructor parameter: the queue of grouped notifications is dropped on disable
    @Inject
    PendingNotificationRepository pending;

    @SuppressWarnings("java:S107")
    public SubscriptionService(SubscriptionRepository subscriptions, WebhookDeliveryRepository deliveries,
                               SsrfGuard guard, SecretCipher cipher, Clock clock, TemplateCheck templates,
                               ReceiverConfig receivers, GroupingConfig grouping, FiscalCalendar calendar) {
        this.grouping = grouping;
        this.zone = calendar.zone();
        this.subscriptions = subscriptions;
        this.templates = templates;
        this.receivers = receivers;
        this.clock = clock;
        this.deliveries = deliveries;
        this.guard = guard;
        this.cipher = cipher;
    }

    /**
     * Checks the receiver's settings (the URL against server-side request forgery) and the template, and stores the
     * subscription; a webhook gets a new secret and a PagerDuty receiver keeps its routing key, both encrypted. The
     * plain webhook secret is returned to be shown once.
     */
    @Transactional
    public Created create(CreateSubscriptionRequest request, String person) {
        ReceiverKind kind = request.receiver() == null ? ReceiverKind.WEBHOOK : request.receiver();
        ReceiverRequest.check(kind, request);
        // PagerDuty's public Events API unless the request names another address; kept, so the response shows it
        String target = request.url() == null && kind == ReceiverKind.PAGERDUTY ? receivers.pagerdutyEventsUrl()
                : request.url();
        URI url = target == null ? null : guard.check(target);
        if (request.template() != null) {
            templates.check(kind, request.template());
        }
        String secret = switch (kind) {
            case WEBHOOK -> newSecret();
            case PAGERDUTY -> request.routingKey();
            default -> null;
        };
        Subscription subscription = new Subscription(kind, url == null ? null : url.toString(), secret, cipher,
                request.description(), orEmpty(request.drivers()),
                orEmpty(request.functions()).stream().map(DriverFunction::name).toList(),
                orEmpty(request.measures()),
                orEmpty(request.kinds()).stream().map(AlertKind::name).toList(),
                request.minSeverity() == null ? Severity.INFO : request.minSeverity(), person, clock.instant());
        subscription.repeatEvery(repeatInterval(request.repeatInterval()));
        if (Boolean.TRUE.equals(request.holdDownstream())) {
            subscription.holdDownstreamWhileCausesFire();
        }
        if (Boolean.TRUE.equals(request.routeOnly())) {
            requireNoFilters(request);
            subscription.onlyAsRoute();
        }
        subscription.mailTo(orEmpty(request.recipients()));
        subscription.template(request.template());
        subscription.groupEvery(groupWait(kind, request.groupWait()), groupBy(request.groupBy()));
        if (request.digest() != null || Boolean.TRUE.equals(request.digestOnly())) {
            subscription.digest(digestSchedule(kind, request.digest()), Boolean.TRUE.equals(request.digestOnly()),
                    clock.instant());
        }
        subscriptions.persist(subscription);
        return new Created(subscription, kind == ReceiverKind.WEBHOOK ? secret : null);
    }

    /** Replaces a subscription's template after checking it; a part left out goes back to the kind's default. */
    @Transactional
    public Subscription changeTemplate(UUID id, MessageTemplate template) {
        Subscription subscription = get(id);
        templates.check(subscription.receiverKind(), template);
        subscription.template(template);
        return subscription;
    }

    @Transactional
    public Subscription get(UUID id) {
        return subscriptions.findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("Subscription", id.toString()));
    }

    @Transactional
    public Page<Subscription> list(PageRequest page) {
        return PanachePages.of(subscriptions.find("order by createdAt desc, id"), page);
    }

    /** Disables the subscription, cancels its pending deliveries and drops what waits in its groups; the log stays. */
    @Transactional
    public void disable(UUID id, String person) {
        Subscription subscription = get(id);
        subscription.disable("deleted by " + person);
        deliveries.cancelPending(id, clock.instant());
        pending.dropFor(id);
    }

    /** Enables a disabled subscription again (one disabled by 410 Gone or by a deletion); enabling twice is fine. */
    @Transactional
    public Subscription enable(UUID id, String person) {
        Subscription subscription = get(id);
        if (!subscription.active()) {
            LOG.infof("Subscription %s enabled again by %s (it was disabled: %s)", id, person,
                    subscription.disabledReason());
            subscription.enable();
        }
        return subscription;
    }

    /**
     * Encrypts the secrets still stored in plain text (subscriptions created before secrets were encrypted); returns
     * how many. Runs at every start, so the plain copies are gone once a version with a key has started.
     */
    public int encryptPlainSecrets() {
        return QuarkusTransaction.requiringNew().call(() -> {
            int encrypted = 0;
            for (Subscription subscription : subscriptions.withPlainSecret()) {
                if (subscription.encryptPlainSecret(cipher)) {
                    encrypted++;
                }
            }
            return encrypted;
        });
    }

    void onStart(@Observes StartupEvent event) {
        int encrypted = encryptPlainSecrets();
        if (encrypted > 0) {
            LOG.infof("Encrypted the webhook secrets of %d subscriptions stored in plain text", encrypted);
        }
    }

    /** A Standard Webhooks secret: {@code whsec_} and 24 random bytes in base64. */
    public static String newSecret() {
        byte[] key = new byte[24];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    /** A route-only receiver is picked by no filter: one that names filters is refused, not silently ignored. */
    public static void requireNoFilters(CreateSubscriptionRequest request) {
        boolean filtered = !orEmpty(request.drivers()).isEmpty() || !orEmpty(request.functions()).isEmpty()
                || !orEmpty(request.measures()).isEmpty() || !orEmpty(request.kinds()).isEmpty()
                || request.minSeverity() != null;
        if (filtered) {
            throw ProblemException.unprocessable("routeOnly", "a route-only receiver is reached through contacts "
                    + "and escalation steps only: leave drivers, functions, measures, kinds and minSeverity out");
        }
    }

    /** The repeat interval a request names, 5 minutes to 7 days; null when it names none. */
    public static Duration repeatInterval(String text) {
        return BoundedDurations.parse("repeatInterval", text, MIN_REPEAT, MAX_REPEAT);
    }

    /**
     * The group wait a request names (none to an hour), else the default of people's receivers (Slack, Teams, e-mail)
     * and none for the others. PagerDuty and Alertmanager group alerts themselves and take one event per alert.
     */
    public Duration groupWait(ReceiverKind kind, String text) {
        Duration wait = BoundedDurations.parse("groupWait", text, Duration.ZERO, MAX_GROUP_WAIT);
        if (wait != null && wait.getNano() != 0) {
            // stored in whole seconds: a fraction would be lost, and a file naming it would never plan empty
            throw ProblemException.unprocessable("groupWait", "must be whole seconds, such as PT30S");
        }
        boolean groupsItself = kind == ReceiverKind.PAGERDUTY || kind == ReceiverKind.ALERTMANAGER;
        if (wait != null && !wait.isZero() && groupsItself) {
            throw ProblemException.unprocessable("groupWait", "a " + kind + " receiver takes one event per alert "
                    + "and groups them itself; leave groupWait out or make it PT0S");
        }
        if (wait != null) {
            return wait;
        }
        boolean person = kind == ReceiverKind.SLACK || kind == ReceiverKind.TEAMS || kind == ReceiverKind.EMAIL;
        return person ? grouping.defaultWait() : Duration.ZERO;
    }

    public static List<GroupLabel> groupBy(List<GroupLabel> labels) {
        if (labels == null || labels.isEmpty()) {
            return GroupLabel.DEFAULT;
        }
        if (labels.stream().distinct().count() < labels.size()) {
            throw ProblemException.unprocessable("groupBy", "names a label twice");
        }
        return labels;
    }

    /** The digest schedule, checked; a digest-only receiver must have one, and PagerDuty or Alertmanager none. */
    public String digestSchedule(ReceiverKind kind, String expression) {
        if (kind == ReceiverKind.PAGERDUTY || kind == ReceiverKind.ALERTMANAGER) {
            throw ProblemException.unprocessable("digest", "a " + kind + " receiver takes alerts, not digests");
        }
        if (expression == null) {
            throw ProblemException.unprocessable("digestOnly", "a digest-only receiver needs a digest schedule");
        }
        DigestSchedule.parse("digest", expression, zone);
        return expression.trim();
    }

    /** A new subscription and its webhook secret in plain text (null for other kinds), shown only once. */
    public record Created(Subscription subscription, String secret) {
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
