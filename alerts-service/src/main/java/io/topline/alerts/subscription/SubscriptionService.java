package io.topline.alerts.subscription;

import io.topline.alerts.alert.AlertKind;
import io.topline.alerts.alert.Severity;
import io.topline.alerts.delivery.SsrfGuard;
import io.topline.alerts.delivery.WebhookDeliveryRepository;
import io.topline.alerts.problem.ProblemException;
import io.topline.alerts.web.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** Creates, lists and disables webhook subscriptions. */
@ApplicationScoped
public class SubscriptionService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SubscriptionRepository subscriptions;
    private final WebhookDeliveryRepository deliveries;
    private final SsrfGuard guard;

    public SubscriptionService(SubscriptionRepository subscriptions, WebhookDeliveryRepository deliveries,
                               SsrfGuard guard) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.guard = guard;
    }

    /** Checks the URL against server-side request forgery and stores the subscription with a new secret. */
    @Transactional
    public Subscription create(CreateSubscriptionRequest request, String person) {
        URI url = guard.check(request.url());
        Subscription subscription = new Subscription(url.toString(), newSecret(), request.description(),
                orEmpty(request.drivers()),
                orEmpty(request.functions()).stream().map(DriverFunction::name).toList(),
                orEmpty(request.measures()),
                orEmpty(request.kinds()).stream().map(AlertKind::name).toList(),
                request.minSeverity() == null ? Severity.INFO : request.minSeverity(), person, Instant.now());
        subscriptions.persist(subscription);
        return subscription;
    }

    @Transactional
    public Subscription get(UUID id) {
        return subscriptions.findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("Subscription", id.toString()));
    }

    @Transactional
    public Page<Subscription> list(int page, int size) {
        return Page.of(subscriptions.find("order by createdAt desc, id"), page, size);
    }

    /** Disables the subscription and cancels its pending deliveries; the delivery log stays. */
    @Transactional
    public void disable(UUID id, String person) {
        Subscription subscription = get(id);
        subscription.disable("deleted by " + person);
        deliveries.cancelPending(id, Instant.now());
    }

    /** A Standard Webhooks secret: {@code whsec_} and 24 random bytes in base64. */
    static String newSecret() {
        byte[] key = new byte[24];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
