package io.topline.alerts.escalation;

import io.topline.alerts.catalog.StringListConverter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The escalation steps taken per alert firing ({@code alert_escalation}), written once each. */
@ApplicationScoped
public class AlertEscalations {

    private static final StringListConverter LIST = new StringListConverter();

    private final EntityManager entityManager;

    public AlertEscalations(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** A step taken: when, the receivers it reached and the targets that had no route. */
    public record Taken(Instant at, List<UUID> recipients, List<String> unreached) {
    }

    public Taken find(UUID alertId, UUID policyId, int firingSequence, int step) {
        List<?> rows = entityManager.createNativeQuery("select notified_at, recipients, unreached from "
                        + "alert_escalation where alert_id = ?1 and policy_id = ?2 and firing_sequence = ?3 and step = ?4")
                .setParameter(1, alertId).setParameter(2, policyId).setParameter(3, firingSequence)
                .setParameter(4, step).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] row = (Object[]) rows.get(0);
        Instant at;
        if (row[0] instanceof Timestamp timestamp) {
            at = timestamp.toInstant();
        } else if (row[0] instanceof OffsetDateTime offset) {
            at = offset.toInstant();
        } else {
            at = (Instant) row[0];
        }
        return new Taken(at, LIST.convertToEntityAttribute((String) row[1]).stream().map(UUID::fromString).toList(),
                LIST.convertToEntityAttribute((String) row[2]));
    }

    public void record(UUID alertId, UUID policyId, int firingSequence, int step, List<UUID> recipients,
                       List<String> unreached, Instant at) {
        entityManager.createNativeQuery("insert into alert_escalation (alert_id, policy_id, firing_sequence, step, "
                        + "recipients, unreached, notified_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                .setParameter(1, alertId).setParameter(2, policyId).setParameter(3, firingSequence)
                .setParameter(4, step)
                .setParameter(5, LIST.convertToDatabaseColumn(recipients.stream().map(UUID::toString).toList()))
                .setParameter(6, LIST.convertToDatabaseColumn(unreached))
                .setParameter(7, at)
                .executeUpdate();
    }
}
