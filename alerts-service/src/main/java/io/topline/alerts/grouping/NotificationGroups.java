package io.topline.alerts.grouping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.topline.alerts.alert.AlertEventData;
import io.topline.alerts.delivery.DeliveryService.DeliveriesScheduled;
import io.topline.alerts.delivery.WebhookConfig;
import io.topline.alerts.delivery.WebhookDelivery;
import io.topline.alerts.delivery.WebhookDeliveryRepository;
import io.topline.alerts.grouping.PendingNotificationRepository.DueGroup;
import io.topline.alerts.subscription.Subscription;
import io.topline.chassis.db.AdvisoryLocks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Gathers a grouping receiver's notifications and, once the oldest of a group has waited its receiver's group wait,
 * turns the group into one delivery: the member's own message when it is alone, else a {@code topline.alert.group}
 * message listing every member (docs/alerts.md). Queueing and closing are each one transaction with the delivery, so a
 * notification is sent once, in one message: never lost between the queue and the delivery log, never in two groups.
 */
@ApplicationScoped
public class NotificationGroups {

    /** The event type of a grouped message. */
    public static final String GROUP_TYPE = "topline.alert.group";
    static final String LOCK = "notification-groups";
    private static final int GROUPS_PER_ROUND = 200;

    private final PendingNotificationRepository pending;
    private final WebhookDeliveryRepository deliveries;
    private final AdvisoryLocks locks;
    private final GroupingConfig config;
    private final WebhookConfig webhooks;
    private final ObjectMapper mapper;
    private final Event<DeliveriesScheduled> scheduled;
    private final Clock clock;

    @SuppressWarnings("java:S107")
    public NotificationGroups(PendingNotificationRepository pending, WebhookDeliveryRepository deliveries,
                              AdvisoryLocks locks, GroupingConfig config, WebhookConfig webhooks, ObjectMapper mapper,
                              Event<DeliveriesScheduled> scheduled, Clock clock) {
        this.pending = pending;
        this.deliveries = deliveries;
        this.locks = locks;
        this.config = config;
        this.webhooks = webhooks;
        this.mapper = mapper;
        this.scheduled = scheduled;
        this.clock = clock;
    }


    /** Queues a notification in its group, in the caller's transaction; the group is due a wait after its oldest. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void queue(Subscription subscription, Duration wait, String messageId, String type, String payload,
                      AlertEventData data, Instant now) {
        String key = GroupLabel.keyOf(subscription.groupBy(), data);
        pending.persist(new PendingNotification(subscription.id(), key, messageId, type, payload, now, now.plus(wait)));
    }

    /** Drops what waits in the subscription's groups (it was disabled); returns how many. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long dropFor(UUID subscriptionId) {
        return pending.dropFor(subscriptionId);
    }

    /**
     * Turns every due group into one delivery and returns how many it made. One replica at a time (an advisory
     * lock): two closing the same group at once would each send part of it.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int closeDue() {
        if (!locks.tryLockForTransaction(LOCK)) {
            return 0;
        }
        Instant now = clock.instant();
        int made = 0;
        for (DueGroup group : pending.dueGroups(now, GROUPS_PER_ROUND)) {
            List<PendingNotification> members = pending.lockMembers(group, config.maxMembers());
            if (members.isEmpty()) {
                continue;
            }
            deliveries.persist(delivery(group, members, now));
            members.forEach(pending::delete);
            made++;
        }
        if (made > 0) {
            scheduled.fire(new DeliveriesScheduled(made));
        }
        return made;
    }

    private WebhookDelivery delivery(DueGroup group, List<PendingNotification> members, Instant now) {
        Instant first = now.plus(webhooks.retry().schedule().get(0));
        if (members.size() == 1) {
            // alone, it is the message it would have been without grouping, with its own webhook-id
            PendingNotification only = members.get(0);
            return new WebhookDelivery(group.subscriptionId(), only.messageId(), only.eventType(), only.payload(), now,
                    first);
        }
        return new WebhookDelivery(group.subscriptionId(), "group-" + UUID.randomUUID(), GROUP_TYPE,
                groupPayload(group, members, now), now, first);
    }

    /**
     * The Standard Webhooks body of a group: the labels its members share and each member's own message (its
     * webhook-id as {@code id}, {@code type}, {@code timestamp}, {@code data}), oldest first.
     */
    String groupPayload(DueGroup group, List<PendingNotification> members, Instant now) {
        ObjectNode body = mapper.createObjectNode();
        body.put("type", GROUP_TYPE);
        body.set("timestamp", mapper.valueToTree(now));
        ObjectNode data = body.putObject("data");
        data.put("groupKey", group.key());
        ObjectNode labels = data.putObject("labels");
        for (String pair : group.key().split(",")) {
            String[] parts = pair.split("=", 2);
            labels.put(parts[0].toLowerCase(Locale.ROOT), parts.length > 1 ? parts[1] : "");
        }
        data.put("count", members.size());
        ArrayNode notifications = data.putArray("notifications");
        for (PendingNotification member : members) {
            ObjectNode one = notifications.addObject();
            one.put("id", member.messageId());
            read(member.payload()).fields().forEachRemaining(field -> one.set(field.getKey(), field.getValue()));
        }
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A group payload cannot be serialized", e);
        }
    }

    private JsonNode read(String payload) {
        try {
            return mapper.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A queued notification's payload is not JSON", e);
        }
    }
}
