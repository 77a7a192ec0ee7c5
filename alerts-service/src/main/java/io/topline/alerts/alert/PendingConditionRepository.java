package io.topline.alerts.alert;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** Conditions waiting out their settle time, by dedup key. */
@ApplicationScoped
public class PendingConditionRepository implements PanacheRepositoryBase<PendingCondition, String> {
}
