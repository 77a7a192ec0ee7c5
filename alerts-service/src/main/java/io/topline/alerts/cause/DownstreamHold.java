package io.topline.alerts.cause;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.topline.alerts.alert.Alert;
import io.topline.alerts.alert.AlertRepository;
import io.topline.alerts.subscription.Subscription;
import io.topline.alerts.subscription.SubscriptionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.BiPredicate;

/**
 * The per-receiver inhibition policy ({@code holdDownstream}): a firing whose likely cause (an upstream alert) this
 * receiver was told of and that still fires is not sent to it, only recorded as held ({@code alert_held_notification});
 * once the cause no longer fires, the held firing is sent if it still fires, and forgotten if it resolved meanwhile.
 * The receiver hears of the cause and, while it lasts, of nothing it explains.
 */
@ApplicationScoped
public class DownstreamHold {

    private final SubscriptionRepository subscriptions;
    private final AlertRepository alerts;
    private final EntityManager entityManager;

    public DownstreamHold(SubscriptionRepository subscriptions, AlertRepository alerts, EntityManager entityManager) {
        this.subscriptions = subscriptions;
        this.alerts = alerts;
        this.entityManager = entityManager;
    }

    /** A held firing: the alert, the receiver, the message it would have had. */
    public record Held(UUID alertId, UUID subscriptionId, String messageId) {
    }

    /**
     * The receivers among {@code interested} that get the firing now; the others, which hold downstream firings and
     * were told ({@code told}) of a likely cause that still fires, are recorded as held. The caller's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> sendNow(Alert alert, String messageId, Collection<UUID> interested, Instant at,
                              BiPredicate<UUID, UUID> told) {
        List<Alert> firingCauses = firingCauses(alert);
        List<UUID> now = new ArrayList<>();
        for (UUID id : interested) {
            Subscription subscription = subscriptions.findById(id);
            Alert cause = subscription == null || !subscription.holdsDownstream() ? null : firingCauses.stream()
                    .filter(c -> told.test(c.id(), id)).findFirst().orElse(null);
            if (cause == null) {
                now.add(id);
            } else {
                hold(alert.id(), id, cause.id(), messageId, at);
            }
        }
        return now;
    }

    /** The receivers that hold the alert's firing. */
    @SuppressWarnings("unchecked")
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> heldFor(UUID alertId) {
        return entityManager.createNativeQuery("select subscription_id from alert_held_notification "
                + "where alert_id = :alert", UUID.class).setParameter("alert", alertId).getResultList();
    }

    /** The alert resolved: what was held of it is never sent. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forget(UUID alertId) {
        entityManager.createNativeQuery("delete from alert_held_notification where alert_id = :alert")
                .setParameter("alert", alertId).executeUpdate();
    }

    /** The held firings whose cause no longer fires: to send (or forget) one alert at a time, under its lock. */
    @SuppressWarnings("unchecked")
    public List<UUID> alertsToRelease() {
        return QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("select distinct h.alert_id "
                        + "from alert_held_notification h join alert c on c.id = h.cause_alert_id "
                        + "where c.state not in ('FIRING', 'ACKNOWLEDGED')", UUID.class)
                .getResultList());
    }

    /** The held firings of an alert whose cause no longer fires, taken off the list. The caller holds the alert's lock. */
    @SuppressWarnings("unchecked")
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Held> release(UUID alertId) {
        List<Object[]> rows = entityManager.createNativeQuery("delete from alert_held_notification h using alert c "
                        + "where h.alert_id = :alert and c.id = h.cause_alert_id "
                        + "and c.state not in ('FIRING', 'ACKNOWLEDGED') returning h.subscription_id, h.message_id")
                .setParameter("alert", alertId).getResultList();
        return rows.stream().map(row -> new Held(alertId, (UUID) row[0], (String) row[1])).toList();
    }

    private List<Alert> firingCauses(Alert alert) {
        List<Alert> causes = new ArrayList<>();
        for (LikelyCause cause : alert.likelyCauses()) {
            alerts.findByIdOptional(UUID.fromString(cause.alertId())).filter(c -> c.state().open()).ifPresent(causes::add);
        }
        return causes;
    }

    private void hold(UUID alertId, UUID subscriptionId, UUID causeId, String messageId, Instant at) {
        entityManager.createNativeQuery("insert into alert_held_notification (alert_id, subscription_id, "
                        + "cause_alert_id, message_id, held_at) values (:alert, :subscription, :cause, :message, :at) "
                        + "on conflict do nothing")
                .setParameter("alert", alertId).setParameter("subscription", subscriptionId)
                .setParameter("cause", causeId).setParameter("message", messageId).setParameter("at", at)
                .executeUpdate();
    }
}
