package io.topline.alerts.evaluation;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.topline.alerts.period.Cadence;
import io.topline.chassis.db.ColumnStatement;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.jpa.HibernateHints;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Evaluations by measure and period. */
@ApplicationScoped
public class EvaluationRepository implements PanacheRepository<Evaluation> {

    // rows in key order, so that two transactions writing several rows lock them in the same order
    private static final ColumnStatement<Evaluation> UPSERT = new ColumnStatement<>("""
            INSERT INTO evaluation AS e (measure_key, period, cadence, period_start, period_end, target_version,
                                         success_level, failure_level, severity, actual, actual_revision, projection,
                                         status, state, evaluated_at, rebuilt)
            SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[], ?::int[],
                                 ?::numeric[], ?::numeric[], ?::text[], ?::numeric[], ?::bigint[], ?::numeric[],
                                 ?::text[], ?::text[], ?::timestamptz[], ?::boolean[])
            ORDER BY 1, 2
            ON CONFLICT (measure_key, period) DO UPDATE SET
                target_version = EXCLUDED.target_version, success_level = EXCLUDED.success_level,
                failure_level = EXCLUDED.failure_level, severity = EXCLUDED.severity, actual = EXCLUDED.actual,
                actual_revision = EXCLUDED.actual_revision, projection = EXCLUDED.projection,
                status = EXCLUDED.status, state = EXCLUDED.state, evaluated_at = EXCLUDED.evaluated_at,
                rebuilt = EXCLUDED.rebuilt""",
            Evaluation::measureKey, Evaluation::period, e -> ColumnStatement.text(e.cadence()),
            e -> ColumnStatement.text(e.periodStart()), e -> ColumnStatement.text(e.periodEnd()),
            e -> ColumnStatement.text(e.targetVersion()), e -> ColumnStatement.text(e.successLevel()),
            e -> ColumnStatement.text(e.failureLevel()), Evaluation::severity, e -> ColumnStatement.text(e.actual()),
            e -> ColumnStatement.text(e.actualRevision()), e -> ColumnStatement.text(e.projection()),
            e -> ColumnStatement.text(e.status()), e -> ColumnStatement.text(e.state()),
            e -> ColumnStatement.text(e.evaluatedAt()), e -> ColumnStatement.text(e.rebuilt()));

    public Optional<Evaluation> findFor(String measureKey, String period) {
        return find("measureKey = ?1 and period = ?2", measureKey, period).firstResultOptional();
    }

    /** Closed periods (FINAL or REVISED) of several measures by measure: two strings a row, no entity. */
    public Map<String, Set<String>> closedPeriodsOf(Collection<String> measureKeys) {
        Map<String, Set<String>> closed = new HashMap<>();
        getEntityManager().createQuery("select e.measureKey, e.period from Evaluation e where e.measureKey in :keys "
                        + "and e.state <> :open", Object[].class)
                .setParameter("keys", measureKeys).setParameter("open", EvaluationState.PROVISIONAL)
                .getResultList()
                .forEach(row -> closed.computeIfAbsent((String) row[0], k -> new HashSet<>()).add((String) row[1]));
        return closed;
    }

    /** The evaluations of several measures whose period is one of {@code periods}: a superset of pairs to pick from. */
    public List<Evaluation> ofPeriods(Collection<String> measureKeys, Collection<String> periods) {
        return list("measureKey in ?1 and period in ?2", measureKeys, periods);
    }

    /**
     * {@link #ofPeriods}, read-only and detached: Hibernate neither checks nor writes them, and the caller
     * writes the ones it judges, and new ones, with {@link #write}.
     */
    public List<Evaluation> ofPeriodsToWrite(Collection<String> measureKeys, Collection<String> periods) {
        List<Evaluation> rows = find("measureKey in ?1 and period in ?2", measureKeys, periods)
                .withHint(HibernateHints.HINT_READ_ONLY, true).list();
        // detached as well: every auto-flush before a query visits each entity of the persistence context, and a
        // poll's hundreds of rows made that a tenth of the consumer's CPU. A row already managed and changed in the
        // transaction would lose its change here, so the callers read these evaluations through this method only.
        rows.forEach(getEntityManager()::detach);
        return rows;
    }

    /**
     * Writes evaluations, new ones or read by {@link #ofPeriodsToWrite}, in one statement (an upsert by measure and
     * period), in the caller's transaction.
     */
    // the consumer of actuals and the closing job judge hundreds or thousands of periods a transaction; as managed
    // entities, Hibernate's flush of them took more CPU than judging them
    public void write(List<Evaluation> judged) {
        UPSERT.execute(getEntityManager(), judged);
    }

    /** The scorecard's view of every evaluation of a cadence whose period starts at {@code from} or later. */
    public List<EvaluationCell> cellsOfCadenceSince(Cadence cadence, Instant from) {
        return find("cadence = ?1 and periodStart >= ?2", cadence, from).project(EvaluationCell.class).list();
    }

    /** The evaluations the suite holds for the measure's named periods, read as projections in one query. */
    public List<EvaluationCell> cellsOf(String measureKey, List<String> periods) {
        return find("measureKey = ?1 and period in ?2", measureKey, periods).project(EvaluationCell.class).list();
    }

    /** Evaluations, newest period first, optionally of one measure and one period. */
    public PanacheQuery<Evaluation> search(String measureKey, String period) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (measureKey != null) {
            query.append(" and measureKey = :measure");
            parameters.and("measure", measureKey);
        }
        if (period != null) {
            query.append(" and period = :period");
            parameters.and("period", period);
        }
        return find(query + " order by periodStart desc, measureKey", parameters);
    }
}
