package io.topline.alerts.alert;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/** Conditions waiting out their settle time, by dedup key. */
@ApplicationScoped
public class PendingConditionRepository implements PanacheRepositoryBase<PendingCondition, String> {

    /** The dedup keys of the conditions waiting for any of several measures. */
    public Set<String> dedupKeysOf(Collection<String> measureKeys) {
        return new HashSet<>(getEntityManager().createQuery(
                        "select c.dedupKey from PendingCondition c where c.measureKey in :keys", String.class)
                .setParameter("keys", measureKeys).getResultList());
    }
}
