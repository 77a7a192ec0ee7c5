package io.topline.alerts.subscription;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.List;
import java.util.UUID;

/** Webhook subscriptions. */
@ApplicationScoped
public class SubscriptionRepository implements PanacheRepositoryBase<Subscription, UUID> {

    public List<Subscription> active() {
        return list("active", true);
    }

    /** Subscriptions stored before secrets were encrypted, locked so that two starting instances take turns. */
    public List<Subscription> withPlainSecret() {
        return find("plainSecret is not null").withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }
}
