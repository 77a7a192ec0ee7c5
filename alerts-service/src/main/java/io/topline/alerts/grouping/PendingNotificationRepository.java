package io.topline.alerts.grouping;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Queued notifications, and the groups among them that are due. */
@ApplicationScoped
public class PendingNotificationRepository implements PanacheRepositoryBase<PendingNotification, UUID> {

    /** Up to {@code limit} groups whose oldest member is due: a group waits for its first member's wait, no longer. */
    @SuppressWarnings("unchecked")
    public List<DueGroup> dueGroups(Instant now, int limit) {
        List<Object[]> rows = getEntityManager().createNativeQuery(
                        "select subscription_id, group_key from pending_notification group by subscription_id, "
                                + "group_key having min(due_at) <= :now order by min(due_at) limit :limit")
                .setParameter("now", now)
                .setParameter("limit", limit)
                .getResultList();
        return rows.stream().map(row -> new DueGroup((UUID) row[0], (String) row[1])).toList();
    }

    /** The group's members in the order they were queued, locked so that they go into one delivery once. */
    @SuppressWarnings("unchecked")
    public List<PendingNotification> lockMembers(DueGroup group, int limit) {
        return getEntityManager().createNativeQuery(
                        "select * from pending_notification where subscription_id = :subscription and group_key = :key "
                                + "order by queued_at, id limit :limit for update skip locked", PendingNotification.class)
                .setParameter("subscription", group.subscriptionId())
                .setParameter("key", group.key())
                .setParameter("limit", limit)
                .getResultList();
    }

    /** How many notifications wait in groups for the subscription. */
    public long waitingFor(UUID subscriptionId) {
        return count("subscriptionId", subscriptionId);
    }

    /** Drops what waits for the subscription (it was disabled); returns how many. */
    public long dropFor(UUID subscriptionId) {
        return delete("subscriptionId", subscriptionId);
    }

    /** A receiver's group of queued notifications. */
    public record DueGroup(UUID subscriptionId, String key) {
    }
}
