package io.topline.alerts.kpi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.util.List;

/** Reads the KPI of every active measure in one query. */
@ApplicationScoped
public class KpiReader {

    /*
     * One row per active measure: its latest evaluation with an actual, or its latest when none has one (a NO_DATA
     * period after the last data would otherwise hide the last actual from every chart), and the count of its firing
     * alerts. The index on measure_key, period_start keeps the lateral lookup to the measure's own evaluations.
     */
    private static final String LATEST = """
            select m.key, m.driver_key, coalesce(d.function, 'UNKNOWN'), e.actual, e.success_level, e.failure_level,
                   e.status, e.state, coalesce(a.firing, 0)
            from catalog_measure m
            left join catalog_driver d on d.key = m.driver_key
            left join lateral (select actual, success_level, failure_level, status, state from evaluation
                               where measure_key = m.key
                               order by (actual is not null) desc, period_start desc limit 1) e on true
            left join (select measure_key, count(*) as firing from alert where state = 'FIRING'
                       group by measure_key) a on a.measure_key = m.key
            where not m.archived
            order by m.key
            """;

    private final EntityManager entityManager;

    public KpiReader(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional
    public List<MeasureKpi> readAll() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(LATEST).getResultList();
        return rows.stream().map(KpiReader::toKpi).toList();
    }

    private static MeasureKpi toKpi(Object[] row) {
        return new MeasureKpi((String) row[0], (String) row[1], (String) row[2], (BigDecimal) row[3],
                (BigDecimal) row[4], (BigDecimal) row[5], (String) row[6], (String) row[7],
                ((Number) row[8]).longValue());
    }
}
