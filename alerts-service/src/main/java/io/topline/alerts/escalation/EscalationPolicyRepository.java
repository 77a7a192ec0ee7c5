package io.topline.alerts.escalation;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/** Escalation policies. */
@ApplicationScoped
public class EscalationPolicyRepository implements PanacheRepositoryBase<EscalationPolicy, UUID> {

    public List<EscalationPolicy> active() {
        return list("active = true order by createdAt, id");
    }
}
