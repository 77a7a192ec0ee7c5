package io.topline.metrics.actual;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.topline.metrics.period.Cadence;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Period actuals: one atomic upsert per request for writes, Panache queries for reads. */
@ApplicationScoped
public class ActualRepository implements PanacheRepositoryBase<Actual, ActualId> {

    /*
     * INSERT ... ON CONFLICT DO UPDATE merges under the row lock, so two concurrent transactions on the same
     * measure-period serialise on that row and neither loses the other's measurements. Rows go in key order so
     * that transactions touching several periods lock them in the same order.
     */
    private static final String UPSERT = """
            INSERT INTO actual AS a (measure_key, period, cadence, period_start, period_end, count, sum, min, max, last,
                                     last_occurred_at, revision, updated_at)
            SELECT m, p, c, ps, pe, n, s, mi, ma, l, lo, 1, ?
            FROM unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[], ?::bigint[], ?::numeric[],
                        ?::numeric[], ?::numeric[], ?::numeric[], ?::timestamptz[]) AS t(m, p, c, ps, pe, n, s, mi, ma, l, lo)
            ORDER BY m, p
            ON CONFLICT (measure_key, period) DO UPDATE SET
                count = a.count + EXCLUDED.count,
                sum = a.sum + EXCLUDED.sum,
                min = LEAST(a.min, EXCLUDED.min),
                max = GREATEST(a.max, EXCLUDED.max),
                last = CASE WHEN EXCLUDED.last_occurred_at > a.last_occurred_at
                              OR (EXCLUDED.last_occurred_at = a.last_occurred_at AND EXCLUDED.last > a.last)
                            THEN EXCLUDED.last ELSE a.last END,
                last_occurred_at = GREATEST(a.last_occurred_at, EXCLUDED.last_occurred_at),
                revision = a.revision + 1,
                updated_at = EXCLUDED.updated_at
            RETURNING measure_key, period, cadence, period_start, period_end, count, sum, min, max, last,
                      last_occurred_at, revision, updated_at""";

    /** Merges each aggregate into its actual in the caller's transaction and returns the actuals as they now are. */
    public List<Actual> merge(List<PeriodAggregate> aggregates, Instant now) {
        if (aggregates.isEmpty()) {
            return List.of();
        }
        return getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            String[][] columns = columnsOf(aggregates);
            List<Actual> actuals = new ArrayList<>(aggregates.size());
            try (PreparedStatement statement = connection.prepareStatement(UPSERT)) {
                statement.setTimestamp(1, Timestamp.from(now));
                for (int c = 0; c < columns.length; c++) {
                    statement.setArray(c + 2, connection.createArrayOf("text", columns[c]));
                }
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        actuals.add(read(rows));
                    }
                }
            }
            actuals.sort(Comparator.comparing(Actual::measureKey).thenComparing(Actual::periodStart));
            return actuals;
        });
    }

    /** The aggregates as the text arrays {@code UPSERT} unnests, one per column, in its parameter order. */
    private static String[][] columnsOf(List<PeriodAggregate> aggregates) {
        int n = aggregates.size();
        String[][] columns = new String[11][n];
        for (int i = 0; i < n; i++) {
            PeriodAggregate a = aggregates.get(i);
            columns[0][i] = a.measure();
            columns[1][i] = a.period().label();
            columns[2][i] = a.period().cadence().name();
            columns[3][i] = a.period().start().toString();
            columns[4][i] = a.period().end().toString();
            columns[5][i] = Long.toString(a.count());
            columns[6][i] = a.sum().toPlainString();
            columns[7][i] = a.min().toPlainString();
            columns[8][i] = a.max().toPlainString();
            columns[9][i] = a.last().toPlainString();
            columns[10][i] = a.lastOccurredAt().toString();
        }
        return columns;
    }

    /** A measure's actuals whose periods start in [{@code from}, {@code to}), in period order. */
    public PanacheQuery<Actual> series(String measure, Instant from, Instant to) {
        return find("id.measureKey = ?1 and periodStart >= ?2 and periodStart < ?3 order by periodStart", measure, from, to);
    }

    private static Actual read(ResultSet rows) throws SQLException {
        return new Actual(new ActualId(rows.getString(1), rows.getString(2)), Cadence.valueOf(rows.getString(3)),
                rows.getTimestamp(4).toInstant(), rows.getTimestamp(5).toInstant(), rows.getLong(6),
                rows.getBigDecimal(7), rows.getBigDecimal(8), rows.getBigDecimal(9), rows.getBigDecimal(10),
                rows.getTimestamp(11).toInstant(), rows.getLong(12), rows.getTimestamp(13).toInstant());
    }
}
