package io.topline.alerts.digest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Reads every active measure's latest evaluated period in one query, for digests. */
@ApplicationScoped
public class DigestReader {

    // the latest period that has begun: the open period once it is judged, else the one that closed before it
    private static final String LATEST = """
            select m.key, m.name, m.driver_key, coalesce(d.name, m.driver_key), coalesce(d.function, 'OTHER'),
                   e.period, e.actual, e.success_level, e.failure_level, e.status, e.state
            from catalog_measure m
            left join catalog_driver d on d.key = m.driver_key
            join lateral (select period, actual, success_level, failure_level, status, state from evaluation
                          where measure_key = m.key and period_start <= :now
                          order by period_start desc limit 1) e on true
            where not m.archived
            order by m.key
            """;

    private final EntityManager entityManager;

    public DigestReader(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** One row per active measure that has an evaluation, in key order. Runs in the caller's transaction. */
    @SuppressWarnings("unchecked")
    public List<MeasureStatus> latest(Instant now) {
        List<Object[]> rows = entityManager.createNativeQuery(LATEST).setParameter("now", now).getResultList();
        return rows.stream().map(row -> new MeasureStatus((String) row[0], (String) row[1], (String) row[2],
                (String) row[3], (String) row[4], (String) row[5], (BigDecimal) row[6], (BigDecimal) row[7],
                (BigDecimal) row[8], (String) row[9], (String) row[10])).toList();
    }

    /** A measure's latest evaluation with its names. */
    public record MeasureStatus(String key, String name, String driverKey, String driverName, String function,
                                String period, BigDecimal actual, BigDecimal successLevel, BigDecimal failureLevel,
                                String status, String state) {
    }
}
