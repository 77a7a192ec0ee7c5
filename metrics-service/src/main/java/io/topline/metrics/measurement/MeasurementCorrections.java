package io.topline.metrics.measurement;

import io.topline.chassis.outbox.Outbox;
import io.topline.chassis.problem.Problem;
import io.topline.chassis.problem.ProblemException;
import io.topline.metrics.actual.Actual;
import io.topline.metrics.actual.ActualId;
import io.topline.metrics.actual.ActualUpdated;
import io.topline.metrics.catalog.MeasureCatalog;
import io.topline.metrics.catalog.MeasureInfo;
import io.topline.metrics.ingest.IngestConfig;
import io.topline.metrics.ingestkey.IngestKeyGrant;
import io.topline.metrics.period.Cadence;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Corrects or retracts a stored measurement by its client id, and recomputes its period's actual from the
 * measurements that still count, publishing the new revision in the same transaction (so the evaluations and alerts
 * follow, REVISED where the period was final).
 *
 * <p>Why recompute rather than adjust: min, max and last cannot be taken back incrementally. The actual's row lock
 * is taken first, the lock every ingestion's upsert takes, so a concurrent ingestion either committed before the
 * recount (and is in it) or adds its increment to the recounted row after. Only measurements within the ingest
 * horizon may change: their whole period is still stored (retention keeps twice the horizon), so the recount is exact.
 */
@ApplicationScoped
public class MeasurementCorrections {

    private static final String FIND = """
            SELECT id, measure_key, value, occurred_at, period, retracted_at, source FROM measurement WHERE client_id = ?""";
    private static final String LOCK_ACTUAL = """
            SELECT cadence, period_start, period_end FROM actual WHERE measure_key = ? AND period = ? FOR UPDATE""";
    private static final String RECOUNT = """
            SELECT count(*), sum(value), min(value), max(value),
                   (array_agg(value ORDER BY occurred_at DESC, value DESC))[1], max(occurred_at)
            FROM measurement
            WHERE measure_key = ? AND occurred_at >= ? AND occurred_at < ? AND period = ? AND retracted_at IS NULL""";
    private static final String UPDATE_ACTUAL = """
            UPDATE actual SET count = ?, sum = ?, min = ?, max = ?, last = ?, last_occurred_at = ?,
                              revision = revision + 1, updated_at = ?
            WHERE measure_key = ? AND period = ? RETURNING revision""";
    private static final String AUDIT = """
            INSERT INTO measurement_correction (measurement_id, before_value, after_value, reason, changed_by, changed_at)
            VALUES (?, ?, ?, ?, ?, ?)""";

    private final EntityManager entityManager;
    private final MeasureCatalog catalog;
    private final Outbox outbox;
    private final IngestConfig config;
    private final MeasurementRules rules;
    private final Clock clock;

    public MeasurementCorrections(EntityManager entityManager, MeasureCatalog catalog, Outbox outbox,
                                  IngestConfig config, MeasurementRules rules, Clock clock) {
        this.entityManager = entityManager;
        this.catalog = catalog;
        this.outbox = outbox;
        this.config = config;
        this.rules = rules;
        this.clock = clock;
    }

    /** One change: a new value, or null to retract; {@code scope} the measures the caller may change (null: all). */
    private record Change(String clientId, BigDecimal value, String reason, String by, IngestKeyGrant grant) {
    }

    /** A stored measurement as the change found it. */
    private record Stored(long id, String measure, BigDecimal value, Instant occurredAt, String period) {
    }

    @Transactional
    public CorrectionResponse correct(String clientId, CorrectMeasurementRequest request, String by,
                                      IngestKeyGrant grant) {
        return apply(new Change(clientId, checkedValue(request.value()), request.reason(), by, grant));
    }

    @Transactional
    public CorrectionResponse retract(String clientId, RetractMeasurementRequest request, String by,
                                      IngestKeyGrant grant) {
        return apply(new Change(clientId, null, request == null ? null : request.reason(), by, grant));
    }

    private CorrectionResponse apply(Change change) {
        Instant now = clock.instant();
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            Stored stored = find(connection, change);
            MeasureInfo measure = catalog.find(stored.measure()).orElseThrow(() -> ProblemException.conflict(
                    "measure-unknown", "Measure '" + stored.measure() + "' is no longer known here"));
            PeriodBounds bounds = lockActual(connection, stored);
            write(connection, stored, change, now);
            long revision = recount(connection, stored, bounds, now);
            publish(stored, measure, now);
            return new CorrectionResponse(change.clientId(), stored.measure(), stored.period(),
                    change.value() == null ? CorrectionResponse.RETRACTED : CorrectionResponse.CORRECTED,
                    plain(stored.value()), change.value(), change.reason(), change.by(), now, revision);
        });
    }

    private Stored find(Connection connection, Change change) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(FIND)) {
            statement.setString(1, change.clientId());
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    throw ProblemException.notFound("Measurement", change.clientId());
                }
                Stored stored = new Stored(row.getLong(1), row.getString(2), row.getBigDecimal(3),
                        row.getTimestamp(4).toInstant(), row.getString(5));
                IngestKeyGrant grant = change.grant();
                if (grant != null && (!grant.measures().contains(stored.measure())
                        || !grant.source().equals(row.getString(7)))) {
                    throw new ProblemException(403, "ingest-key-scope", "Forbidden", "This ingest key (source '"
                            + grant.source() + "') may change only its own source's measurements of its measures", null);
                }
                if (row.getTimestamp(6) != null) {
                    throw ProblemException.conflict("retracted", "Measurement '" + change.clientId()
                            + "' was retracted at " + row.getTimestamp(6).toInstant() + " and cannot change");
                }
                if (stored.occurredAt().isBefore(clock.instant().minus(config.horizon()))) {
                    throw ProblemException.unprocessable("id", "Measurement '" + change.clientId() + "' occurred "
                            + "before the ingest horizon of " + config.horizon().toDays() + " days and cannot change");
                }
                return stored;
            }
        }
    }

    /** The period's bounds, with its actual locked against every other change. */
    private record PeriodBounds(Cadence cadence, Instant start, Instant end) {
    }

    private PeriodBounds lockActual(Connection connection, Stored stored) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(LOCK_ACTUAL)) {
            statement.setString(1, stored.measure());
            statement.setString(2, stored.period());
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("No actual for stored measurement " + stored.id());
                }
                return new PeriodBounds(Cadence.valueOf(row.getString(1)), row.getTimestamp(2).toInstant(),
                        row.getTimestamp(3).toInstant());
            }
        }
    }

    private static void write(Connection connection, Stored stored, Change change, Instant now) throws SQLException {
        // the value as posted stays: a late retry of the post compares with it (and is a duplicate)
        String sql = change.value() == null ? "UPDATE measurement SET retracted_at = ? WHERE id = ?"
                : "UPDATE measurement SET original_value = coalesce(original_value, value), value = ? WHERE id = ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (change.value() == null) {
                statement.setTimestamp(1, Timestamp.from(now));
            } else {
                statement.setBigDecimal(1, change.value());
            }
            statement.setLong(2, stored.id());
            statement.executeUpdate();
        }
        try (PreparedStatement audit = connection.prepareStatement(AUDIT)) {
            audit.setLong(1, stored.id());
            audit.setBigDecimal(2, stored.value());
            audit.setBigDecimal(3, change.value());
            audit.setString(4, change.reason());
            audit.setString(5, change.by());
            audit.setTimestamp(6, Timestamp.from(now));
            audit.executeUpdate();
        }
    }

    /** Recounts the period from what still counts; returns the actual's new revision. */
    private static long recount(Connection connection, Stored stored, PeriodBounds bounds, Instant now)
            throws SQLException {
        Object[] totals = new Object[6];
        try (PreparedStatement statement = connection.prepareStatement(RECOUNT)) {
            statement.setString(1, stored.measure());
            statement.setTimestamp(2, Timestamp.from(bounds.start()));
            statement.setTimestamp(3, Timestamp.from(bounds.end()));
            statement.setString(4, stored.period());
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                if (row.getLong(1) == 0) {
                    throw ProblemException.conflict("last-measurement", "Retracting it would leave "
                            + stored.period() + " of '" + stored.measure() + "' without any measurement; correct "
                            + "its value instead");
                }
                for (int c = 0; c < totals.length; c++) {
                    totals[c] = row.getObject(c + 1);
                }
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(UPDATE_ACTUAL)) {
            for (int c = 0; c < totals.length; c++) {
                statement.setObject(c + 1, totals[c]);
            }
            statement.setTimestamp(7, Timestamp.from(now));
            statement.setString(8, stored.measure());
            statement.setString(9, stored.period());
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private void publish(Stored stored, MeasureInfo measure, Instant now) {
        Actual actual = entityManager.find(Actual.class, new ActualId(stored.measure(), stored.period()));
        entityManager.refresh(actual);
        ActualUpdated event = ActualUpdated.of(actual, measure.aggregation());
        outbox.append(ActualUpdated.TYPE, event.subject(), event.subject(), event, now);
    }

    /** A stored value without the trailing zeros of its scale, and never in exponent notation. */
    private static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** The corrected value within the bounds a new measurement has, at the stored scale (the ingestion rule). */
    private BigDecimal checkedValue(BigDecimal value) {
        List<Problem.Violation> violations = new ArrayList<>();
        BigDecimal rounded = rules.roundedValue(value, "", violations);
        if (!violations.isEmpty()) {
            throw ProblemException.unprocessable("The corrected value breaks a rule", violations);
        }
        return rounded;
    }
}
