package io.topline.alerts.catalog;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.topline.alerts.period.Cadence;
import io.topline.chassis.db.ColumnStatement;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.jpa.HibernateHints;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Actuals of the read model. */
@ApplicationScoped
public class ActualRepository implements PanacheRepository<Actual> {

    // rows in key order, so that two transactions writing several rows lock them in the same order
    private static final ColumnStatement<Actual> UPSERT = new ColumnStatement<>("""
            INSERT INTO actual AS a (measure_key, period, cadence, period_start, value, count, sum, min, max, last,
                                     revision, updated_at)
            SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::numeric[], ?::bigint[],
                                 ?::numeric[], ?::numeric[], ?::numeric[], ?::numeric[], ?::bigint[], ?::timestamptz[])
            ORDER BY 1, 2
            ON CONFLICT (measure_key, period) DO UPDATE SET
                value = EXCLUDED.value, count = EXCLUDED.count, sum = EXCLUDED.sum, min = EXCLUDED.min,
                max = EXCLUDED.max, last = EXCLUDED.last, revision = EXCLUDED.revision,
                updated_at = EXCLUDED.updated_at""",
            Actual::measureKey, Actual::period, a -> ColumnStatement.text(a.cadence()),
            a -> ColumnStatement.text(a.periodStart()), a -> ColumnStatement.text(a.value()),
            a -> ColumnStatement.text(a.count()), a -> ColumnStatement.text(a.sum()),
            a -> ColumnStatement.text(a.min()), a -> ColumnStatement.text(a.max()),
            a -> ColumnStatement.text(a.last()), a -> ColumnStatement.text(a.revision()),
            a -> ColumnStatement.text(a.updatedAt()));

    public Optional<Actual> findFor(String measureKey, String period) {
        return find("measureKey = ?1 and period = ?2", measureKey, period).firstResultOptional();
    }

    /** The actuals of several measures whose period is one of {@code periods}: a superset of pairs to pick from. */
    public List<Actual> ofPeriods(Collection<String> measureKeys, Collection<String> periods) {
        return list("measureKey in ?1 and period in ?2", measureKeys, periods);
    }

    /**
     * {@link #ofPeriods}, read-only and detached: Hibernate neither checks nor writes them, and the caller
     * writes the ones it changes, and new ones, with {@link #write}.
     */
    public List<Actual> ofPeriodsToWrite(Collection<String> measureKeys, Collection<String> periods) {
        List<Actual> rows = find("measureKey in ?1 and period in ?2", measureKeys, periods)
                .withHint(HibernateHints.HINT_READ_ONLY, true).list();
        // detached as well: every auto-flush before a query visits each entity of the persistence context, and a
        // poll's hundreds of rows made that a tenth of the consumer's CPU. A row already managed and changed in the
        // transaction would lose its change here, so the callers read these actuals through this method only.
        rows.forEach(getEntityManager()::detach);
        return rows;
    }

    /**
     * Writes actuals, new ones or read by {@link #ofPeriodsToWrite}, in one statement (an upsert by measure and
     * period), in the caller's transaction.
     */
    // A poll of a realistic ingestion changes hundreds of actuals. Written as managed entities, Hibernate's flush
    // (dirty checks, one update coordinator run and one batch entry per row) was a sixth of the consumer's CPU.
    public void write(List<Actual> changed) {
        UPSERT.execute(getEntityManager(), changed);
    }

    public List<Actual> ofMeasure(String measureKey) {
        return list("measureKey = ?1 order by periodStart", measureKey);
    }

    /** The values of the measure's actuals of the named periods, in one query. */
    public List<ActualValue> valuesOf(String measureKey, List<String> periods) {
        return find("measureKey = ?1 and period in ?2", measureKey, periods).project(ActualValue.class).list();
    }

    /** The values of every actual of a cadence whose period starts at {@code from} or later. */
    public List<ActualValue> valuesOfCadenceSince(Cadence cadence, Instant from) {
        return find("cadence = ?1 and periodStart >= ?2", cadence, from).project(ActualValue.class).list();
    }
}
