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

    /** The active subscriptions with a digest schedule, locked, skipping those another replica is sending one to. */
    @SuppressWarnings("unchecked")
    public List<Subscription> lockWithDigest() {
        return getEntityManager().createNativeQuery("select * from subscription where active and digest_schedule is "
                + "not null order by id for update skip locked", Subscription.class).getResultList();
    }

    /** Subscriptions stored before secrets were encrypted, locked so that two starting instances take turns. */
    public List<Subscription> withPlainSecret() {
        return find("plainSecret is not null").withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }
}
