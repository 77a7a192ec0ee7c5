package io.topline.alerts.scorecard;

import io.topline.alerts.catalog.ActualValue;
import io.topline.alerts.catalog.CatalogMeasure;
import io.topline.alerts.evaluation.EvaluationCell;
import io.topline.alerts.evaluation.EvaluationState;
import io.topline.alerts.evaluation.EvaluationStatus;
import io.topline.alerts.period.Cadence;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What changed in the scorecard's tables since a horizon, told by PostgreSQL's own row versions: every row version
 * carries the id of the transaction that wrote it ({@code xmin}), and the horizon is the oldest transaction still in
 * flight when a scorecard was built (every lower id had ended, so the build saw what it wrote). A row written at or
 * above the horizon may be new to that build; one below it is not. So a rebuild re-reads only those rows instead of
 * all 130,000 cells of a 5,000-measure scorecard, with no column, trigger or write added to the hot paths. A deleted
 * row leaves nothing to find, so deletes move a stamp of their own (migration V26). A measure's catalog row is
 * written for each measurement it hears (its heartbeat), so changed measures are compared by what a scorecard shows
 * of them rather than taken as a changed catalog.
 */
@ApplicationScoped
public class ScorecardChanges {

    /**
     * Past this many transactions since the horizon, the horizon is not trusted: transaction ids are compared modulo
     * 2^32, correctly within 2^31, and a scorecard is rebuilt far more often than that.
     */
    static final long MAX_DISTANCE = 1L << 30;

    private final EntityManager entityManager;

    public ScorecardChanges(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Where a build stands: its horizon, the oldest transaction still in flight (64 bits, so never wrapping), and the
     * removal stamp of migration V26 (null while a transaction that deletes is in flight). Read before the data.
     */
    public record Horizon(long transaction, Long removals) {

        /** Whether a build at this horizon may start from one built at {@code earlier}. */
        public boolean follows(Horizon earlier) {
            return removals != null && removals.equals(earlier.removals)
                    && transaction >= earlier.transaction && transaction - earlier.transaction < MAX_DISTANCE;
        }
    }

    /** What a scorecard shows of a measure's catalog row, and what decides whether and where it is a row. */
    public record Measure(String key, String driverKey, String name, String owner, String unit, String currency,
                          String direction, String aggregation, String cadence, boolean archived) {

        static Measure of(CatalogMeasure measure) {
            return new Measure(measure.key(), measure.driverKey(), measure.name(), measure.owner(), measure.unit(),
                    measure.currency(), measure.direction(), measure.aggregation(), measure.cadence().name(),
                    measure.archived());
        }
    }

    /** Now, before anything else is read. */
    public Horizon horizon() {
        Object[] row = (Object[]) entityManager.createNativeQuery("""
                        select cast(cast(pg_snapshot_xmin(pg_current_snapshot()) as text) as bigint),
                               scorecard_removal_stamp()
                        """)
                .getSingleResult();
        return new Horizon(((Number) row[0]).longValue(), row[1] == null ? null : ((Number) row[1]).longValue());
    }

    /** Whether a driver or target row was written at or above {@code horizon}. */
    public boolean driversOrTargetsWritten(Horizon horizon) {
        return (Boolean) entityManager.createNativeQuery("""
                        select exists (select 1 from catalog_target where age(xmin) <= age(cast(:horizon as xid)))
                            or exists (select 1 from catalog_driver where age(xmin) <= age(cast(:horizon as xid)))
                        """)
                .setParameter("horizon", xid(horizon)).getSingleResult();
    }

    /** The measures whose catalog row was written at or above {@code horizon}. */
    public List<Measure> measures(Horizon horizon) {
        List<?> rows = entityManager.createNativeQuery("""
                        select key, driver_key, name, owner, unit, currency, direction, aggregation, cadence, archived
                        from catalog_measure where age(xmin) <= age(cast(:horizon as xid))
                        """)
                .setParameter("horizon", xid(horizon)).getResultList();
        return rows.stream().map(Object[].class::cast).map(r -> new Measure((String) r[0], (String) r[1],
                (String) r[2], (String) r[3], (String) r[4], (String) r[5], (String) r[6], (String) r[7],
                (String) r[8], (Boolean) r[9])).toList();
    }

    /** The evaluations of the cadence's periods from {@code from} written at or above {@code horizon}. */
    public List<EvaluationCell> evaluations(Cadence cadence, Instant from, Horizon horizon) {
        List<?> rows = entityManager.createNativeQuery("""
                        select measure_key, period, status, state, projection from evaluation
                        where cadence = :cadence and period_start >= :from and age(xmin) <= age(cast(:horizon as xid))
                        """)
                .setParameter("cadence", cadence.name()).setParameter("from", from)
                .setParameter("horizon", xid(horizon)).getResultList();
        return rows.stream().map(Object[].class::cast).map(r -> new EvaluationCell((String) r[0], (String) r[1],
                EvaluationStatus.valueOf((String) r[2]), EvaluationState.valueOf((String) r[3]),
                (BigDecimal) r[4])).toList();
    }

    /** The actuals of the cadence's periods from {@code from} written at or above {@code horizon}. */
    public List<ActualValue> actuals(Cadence cadence, Instant from, Horizon horizon) {
        List<?> rows = entityManager.createNativeQuery("""
                        select measure_key, period, value from actual
                        where cadence = :cadence and period_start >= :from and age(xmin) <= age(cast(:horizon as xid))
                        """)
                .setParameter("cadence", cadence.name()).setParameter("from", from)
                .setParameter("horizon", xid(horizon)).getResultList();
        return rows.stream().map(Object[].class::cast)
                .map(r -> new ActualValue((String) r[0], (String) r[1], (BigDecimal) r[2])).toList();
    }

    /**
     * The 32-bit transaction id a row's {@code xmin} holds for a 64-bit one, as the text PostgreSQL casts to xid.
     * {@code age} counts back from the same point for both sides of a comparison, so the wrap cancels out.
     */
    private static String xid(Horizon horizon) {
        return Long.toString(horizon.transaction() & 0xFFFF_FFFFL);
    }
}
