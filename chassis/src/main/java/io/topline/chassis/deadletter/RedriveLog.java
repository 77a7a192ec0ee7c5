package io.topline.chassis.deadletter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which dead letters were re-driven, in the service's {@code dead_letter_redrive} table (a migration of each service
 * with consumers), so that one record is re-driven once. Native SQL, not an entity: the services without consumers
 * have no such table, and Hibernate validates every entity against every database.
 */
@ApplicationScoped
public class RedriveLog {

    private final EntityManager entityManager;

    public RedriveLog(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Records the re-drive in the caller's transaction; false when the record was re-driven before. */
    public boolean record(RedriveResponse.DeadLetterRef ref, Instant at, String by) {
        return entityManager.createNativeQuery("""
                        insert into dead_letter_redrive (dlq_topic, dlq_partition, dlq_offset, redriven_at, redriven_by)
                        values (?1, ?2, ?3, ?4, ?5) on conflict do nothing""")
                .setParameter(1, ref.topic())
                .setParameter(2, ref.partition())
                .setParameter(3, ref.offset())
                .setParameter(4, Timestamp.from(at))
                .setParameter(5, by)
                .executeUpdate() == 1;
    }

    /** When each re-driven record of {@code topics} was re-driven. */
    public Map<RedriveResponse.DeadLetterRef, Instant> redriven(List<String> topics) {
        Map<RedriveResponse.DeadLetterRef, Instant> redriven = new HashMap<>();
        if (topics.isEmpty()) {
            return redriven;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select dlq_topic, dlq_partition, dlq_offset, redriven_at from dead_letter_redrive
                        where dlq_topic in (?1)""")
                .setParameter(1, topics)
                .getResultList();
        for (Object[] row : rows) {
            redriven.put(new RedriveResponse.DeadLetterRef((String) row[0], ((Number) row[1]).intValue(),
                    ((Number) row[2]).longValue()), toInstant(row[3]));
        }
        return redriven;
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
