package io.topline.alerts.alert;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The subscriptions told of an alert's current firing, and when: its resolve reaches each of them, and one with a repeat
 * interval is told again while the alert fires unacknowledged.
 */
@ApplicationScoped
public class NotifiedSubscriptions {

    private final EntityManager entityManager;
    private final Clock clock;

    public NotifiedSubscriptions(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** A subscription due to be told again of an alert's firing, and how many times it was told again before. */
    public record Due(UUID alertId, UUID subscriptionId, int repeats) {
    }

    /**
     * The (alert, subscription) pairs whose repeat interval has passed since the subscription was last told: the alert
     * still FIRING (not acknowledged, not resolved), not muted now, the subscription active with an interval.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    @SuppressWarnings("unchecked")
    public List<Due> dueForRepeat(int limit) {
        List<Object[]> rows = entityManager.createNativeQuery("select n.alert_id, n.subscription_id, n.repeats "
                        + "from alert_notified_subscription n join alert a on a.id = n.alert_id "
                        + "join subscription s on s.id = n.subscription_id "
                        + "where a.state = 'FIRING' and a.silenced_by = '' and s.active "
                        + "and s.repeat_interval_seconds is not null "
                        + "and n.notified_at + s.repeat_interval_seconds * interval '1 second' <= :now "
                        + "order by n.notified_at limit :limit")
                .setParameter("now", clock.instant())
                .setParameter("limit", limit)
                .getResultList();
        return rows.stream().map(row -> new Due((UUID) row[0], (UUID) row[1], ((Number) row[2]).intValue())).toList();
    }

    /**
     * The (alert, ALERTMANAGER subscription) pairs last told at least {@code interval} ago while the alert is open
     * (FIRING or ACKNOWLEDGED, muted or not: the Alertmanager was told of it, and would resolve it by itself when it
     * stops hearing of it), the subscription active.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    @SuppressWarnings("unchecked")
    public List<Due> dueForAlertmanager(Duration interval, int limit) {
        List<Object[]> rows = entityManager.createNativeQuery("select n.alert_id, n.subscription_id, n.repeats "
                        + "from alert_notified_subscription n join alert a on a.id = n.alert_id "
                        + "join subscription s on s.id = n.subscription_id "
                        + "where a.state in ('FIRING', 'ACKNOWLEDGED') and s.active and s.receiver = 'ALERTMANAGER' "
                        + "and n.notified_at <= :before order by n.notified_at limit :limit")
                .setParameter("before", clock.instant().minus(interval))
                .setParameter("limit", limit)
                .getResultList();
        return rows.stream().map(row -> new Due((UUID) row[0], (UUID) row[1], ((Number) row[2]).intValue())).toList();
    }

    /** Notes that the subscription was told again now. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void repeated(Due due) {
        entityManager.createNativeQuery("update alert_notified_subscription set notified_at = :at, repeats = :repeats "
                        + "where alert_id = :alert and subscription_id = :subscription")
                .setParameter("at", clock.instant())
                .setParameter("repeats", due.repeats() + 1)
                .setParameter("alert", due.alertId())
                .setParameter("subscription", due.subscriptionId())
                .executeUpdate();
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
            entityManager.createNativeQuery("insert into alert_notified_subscription (alert_id, subscription_id, "
                            + "notified_at) values (:alert, :subscription, :at) on conflict do nothing")
                    .setParameter("alert", alertId)
                    .setParameter("subscription", subscriptionId)
                    .setParameter("at", clock.instant())
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
