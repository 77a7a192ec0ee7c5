package io.topline.alerts.delivery;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** The attempt log of deliveries. */
@ApplicationScoped
public class WebhookAttemptRepository implements PanacheRepository<WebhookAttempt> {

    public List<WebhookAttempt> ofDeliveries(Collection<UUID> deliveryIds) {
        if (deliveryIds.isEmpty()) {
            return List.of();
        }
        return list("deliveryId in ?1 order by attempt", deliveryIds);
    }
}
