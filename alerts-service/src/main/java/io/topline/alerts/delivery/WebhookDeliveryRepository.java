package io.topline.alerts.delivery;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Deliveries, and the claim of due ones by the worker. */
@ApplicationScoped
public class WebhookDeliveryRepository implements PanacheRepositoryBase<WebhookDelivery, UUID> {

    /**
     * Locks up to {@code limit} due deliveries, skipping rows another instance holds, so that several instances
     * share the work without sending a message twice at once.
     */
    @SuppressWarnings("unchecked")
    public List<WebhookDelivery> lockDue(Instant now, int limit) {
        return getEntityManager().createNativeQuery(
                        "select * from webhook_delivery where status = 'PENDING' and next_attempt_at <= :now "
                                + "order by next_attempt_at limit :limit for update skip locked", WebhookDelivery.class)
                .setParameter("now", now)
                .setParameter("limit", limit)
                .getResultList();
    }

    public void cancelPending(UUID subscriptionId, Instant now) {
        list("subscriptionId = ?1 and status = ?2", subscriptionId, DeliveryStatus.PENDING).forEach(d -> d.cancel(now));
    }

    public PanacheQuery<WebhookDelivery> ofSubscription(UUID subscriptionId) {
        return find("subscriptionId = ?1 order by createdAt desc, id", subscriptionId);
    }
}
