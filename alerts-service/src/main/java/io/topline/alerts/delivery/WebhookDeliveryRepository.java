package io.topline.alerts.delivery;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Deliveries, and the claim of due ones by the worker. */
@ApplicationScoped
public class WebhookDeliveryRepository implements PanacheRepositoryBase<WebhookDelivery, UUID> {

    // stands in for an empty exclusion list, which SQL's "not in ()" does not allow
    private static final UUID NONE = new UUID(0, 0);

    /**
     * Locks up to {@code limit} due deliveries, skipping rows another instance holds, so that several instances
     * share the work without sending a message twice at once. At most {@code perSubscription} rows of one
     * subscription are taken and none of the subscriptions in {@code full}, so that the backlog of one subscriber
     * never fills a claim and starves the others. None of {@code attempting} is taken either: this instance is
     * attempting them now, and an attempt that outlives its lease (a stalled thread, a moved clock) must not be sent
     * a second time by the instance that is still sending it.
     */
    @SuppressWarnings("unchecked")
    public List<WebhookDelivery> lockDue(Instant now, int limit, int perSubscription, Collection<UUID> full,
                                         Collection<UUID> attempting) {
        Set<UUID> excluded = new HashSet<>(full);
        excluded.add(NONE);
        Set<UUID> busy = new HashSet<>(attempting);
        busy.add(NONE);
        // the outer conditions repeat the inner ones: a row another instance leased meanwhile is re-checked by them
        return getEntityManager().createNativeQuery(
                        "select * from webhook_delivery where status = 'PENDING' and next_attempt_at <= :now "
                                + "and id in (select id from (select id, row_number() over (partition by "
                                + "subscription_id order by next_attempt_at, id) as position from webhook_delivery "
                                + "where status = 'PENDING' and next_attempt_at <= :now and id not in (:busy) "
                                + "and subscription_id not in (:excluded)) due where position <= :perSubscription) "
                                + "order by next_attempt_at limit :limit for update skip locked", WebhookDelivery.class)
                .setParameter("now", now)
                .setParameter("excluded", excluded)
                .setParameter("busy", busy)
                .setParameter("perSubscription", perSubscription)
                .setParameter("limit", limit)
                .getResultList();
    }

    /** The delivery, locked, so that its outcome and a new claim of it do not interleave. */
    public Optional<WebhookDelivery> lockById(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public void cancelPending(UUID subscriptionId, Instant now) {
        list("subscriptionId = ?1 and status = ?2", subscriptionId, DeliveryStatus.PENDING).forEach(d -> d.cancel(now));
    }

    public PanacheQuery<WebhookDelivery> ofSubscription(UUID subscriptionId) {
        return find("subscriptionId = ?1 order by createdAt desc, id", subscriptionId);
    }

    /** The first deliveries (not replays) of the messages scheduled for a subscription at or after {@code since}. */
    public List<WebhookDelivery> firstDeliveriesSince(UUID subscriptionId, Instant since) {
        return list("subscriptionId = ?1 and replayOf is null and createdAt >= ?2 order by createdAt, id",
                subscriptionId, since);
    }

    /** The messages of a subscription that are in an attempt series now. */
    public Set<String> pendingMessageIds(UUID subscriptionId) {
        return new HashSet<>(getEntityManager().createQuery("select d.messageId from WebhookDelivery d "
                        + "where d.subscriptionId = ?1 and d.status = ?2", String.class)
                .setParameter(1, subscriptionId)
                .setParameter(2, DeliveryStatus.PENDING)
                .getResultList());
    }
}
