package io.topline.alerts.alert;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** The subscriptions told of an alert's current firing, so that its resolve reaches each of them. */
@ApplicationScoped
public class NotifiedSubscriptions {

    private final EntityManager entityManager;

    public NotifiedSubscriptions(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> of(UUID alertId) {
        return entityManager.createNativeQuery(
                        "select subscription_id from alert_notified_subscription where alert_id = :alert", UUID.class)
                .setParameter("alert", alertId)
                .getResultList()
                .stream().map(UUID.class::cast).toList();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void add(UUID alertId, Collection<UUID> subscriptionIds) {
        if (subscriptionIds.isEmpty()) {
            return;
        }
        // the alert row may not be flushed yet, and the table refers to it
        entityManager.flush();
        for (UUID subscriptionId : subscriptionIds) {
            entityManager.createNativeQuery("insert into alert_notified_subscription (alert_id, subscription_id) "
                            + "values (:alert, :subscription) on conflict do nothing")
                    .setParameter("alert", alertId)
                    .setParameter("subscription", subscriptionId)
                    .executeUpdate();
        }
    }

    /** Forgets who was told: a new firing of the alert starts over. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void clear(UUID alertId) {
        entityManager.createNativeQuery("delete from alert_notified_subscription where alert_id = :alert")
                .setParameter("alert", alertId)
                .executeUpdate();
    }
}
