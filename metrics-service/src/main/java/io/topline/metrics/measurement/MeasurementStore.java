package io.topline.metrics.measurement;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.topline.metrics.actual.Actual;
import io.topline.metrics.actual.ActualService;
import io.topline.metrics.actual.PeriodAggregate;
import io.topline.metrics.catalog.MeasureInfo;
import io.topline.chassis.problem.Problem;
import io.topline.chassis.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Writes checked measurements in one transaction: stores them, merges them into their period actuals and appends one
 * {@code topline.actual.updated} per measure-period, so a 2xx built on its outcome means all of it committed.
 */
@ApplicationScoped
public class MeasurementStore {

    private static final int ATTEMPTS = 3;
    private static final String DEADLOCK = "40P01";
    private static final String SERIALIZATION_FAILURE = "40001";

    private final MeasurementRepository repository;
    private final ActualService actuals;

    public MeasurementStore(MeasurementRepository repository, ActualService actuals) {
        this.repository = repository;
        this.actuals = actuals;
    }

    /**
     * Stores already checked measurements (distinct client ids) in one transaction, retried when PostgreSQL picked it
     * as a deadlock victim; {@code inSameTransaction} runs before the commit.
     *
     * <p>The first attempt takes the fast path (COPY, which assumes every client id is new); when a client id turns
     * out to be stored already, that attempt rolled back and the transaction is written again with the insert that
     * sorts out duplicates and conflicts.
     *
     * @param conflictsAbort whether a client id stored with other content fails the whole transaction with 409 (a
     *                       request that is all or nothing) or is only reported in the outcome, not written, while the
     *                       rest commits (independent requests that share a group commit)
     */
    public IngestOutcome ingest(List<ValidMeasurement> measurements, Instant now, boolean conflictsAbort,
                                Function<IngestOutcome, IngestOutcome> inSameTransaction) {
        boolean copy = true;
        int failures = 0;
        while (true) {
            boolean fast = copy;
            try {
                return QuarkusTransaction.requiringNew()
                        .call(() -> inSameTransaction.apply(store(measurements, now, conflictsAbort, fast)));
            } catch (RuntimeException e) {
                if (e instanceof ClientIdStored) {
                    // a retry: write it again, sorting out duplicates and conflicts
                    copy = false;
                } else if (++failures >= ATTEMPTS || !(hasState(e, DEADLOCK) || hasState(e, SERIALIZATION_FAILURE))) {
                    throw e;
                }
            }
        }
    }

    private IngestOutcome store(List<ValidMeasurement> measurements, Instant now, boolean conflictsAbort, boolean copy) {
        if (!copy) {
            return storeSortingOutRetries(measurements, now, conflictsAbort);
        }
        if (!repository.insertAll(measurements, now)) {
            throw new ClientIdStored();
        }
        return merge(measurements, List.of(), List.of(), now);
    }

    /** Inserts what is new; a client id stored already is a duplicate when its content matches, else a conflict. */
    private IngestOutcome storeSortingOutRetries(List<ValidMeasurement> measurements, Instant now,
                                                 boolean conflictsAbort) {
        Set<String> inserted = repository.insertNew(measurements, now);
        List<String> retried = notInserted(measurements, inserted);
        if (retried.isEmpty()) {
            return merge(measurements, List.of(), List.of(), now);
        }
        Map<String, MeasurementRepository.StoredContent> stored = repository.storedContent(retried);
        List<ValidMeasurement> accepted = new ArrayList<>(measurements.size());
        List<ValidMeasurement> duplicates = new ArrayList<>();
        List<ValidMeasurement> conflicting = new ArrayList<>();
        for (ValidMeasurement m : measurements) {
            if (m.clientId() == null || inserted.contains(m.clientId())) {
                accepted.add(m);
                continue;
            }
            MeasurementRepository.StoredContent s = stored.get(m.clientId());
            if (s != null && m.sameContentAs(s.measure(), s.value(), s.occurredAt(), s.source())) {
                duplicates.add(m);
            } else {
                conflicting.add(m);
            }
        }
        if (conflictsAbort && !conflicting.isEmpty()) {
            throw conflict(conflictViolations(conflicting, measurements.size() == 1));
        }
        return merge(accepted, duplicates, conflicting, now);
    }

    private static List<String> notInserted(List<ValidMeasurement> measurements, Set<String> inserted) {
        List<String> retried = new ArrayList<>();
        for (ValidMeasurement m : measurements) {
            if (m.clientId() != null && !inserted.contains(m.clientId())) {
                retried.add(m.clientId());
            }
        }
        return retried;
    }

    /** One violation per conflicting client id; a single POST names its {@code id}, a batch the item's. */
    private static List<Problem.Violation> conflictViolations(List<ValidMeasurement> conflicting, boolean single) {
        List<Problem.Violation> conflicts = new ArrayList<>();
        for (ValidMeasurement m : conflicting) {
            conflicts.add(new Problem.Violation(single && m.index() == 0 ? "id" : "items[" + m.index() + "].id",
                    alreadyRecorded(m.clientId())));
        }
        return conflicts;
    }

    private IngestOutcome merge(List<ValidMeasurement> accepted, List<ValidMeasurement> duplicates,
                                List<ValidMeasurement> conflicting, Instant now) {
        Map<String, PeriodAggregate> aggregates = new LinkedHashMap<>();
        Map<String, MeasureInfo> measures = new HashMap<>();
        for (ValidMeasurement m : accepted) {
            measures.putIfAbsent(m.measure().key(), m.measure());
            aggregates.computeIfAbsent(m.measure().key() + '\n' + m.period().label(),
                    k -> new PeriodAggregate(m.measure().key(), m.period())).add(m.value(), m.occurredAt());
        }
        List<Actual> changed = actuals.merge(new ArrayList<>(aggregates.values()), measures, now);
        return new IngestOutcome(accepted, duplicates, conflicting, changed);
    }

    static String alreadyRecorded(String clientId) {
        return "id '" + clientId + "' was already recorded with different content";
    }

    static ProblemException conflict(List<Problem.Violation> violations) {
        return new ProblemException(409, "client-id-conflict", "Conflict",
                "A client id was reused with different content; nothing was written", violations);
    }

    /** The fast path met a client id that is stored already; rolls its transaction back. */
    private static final class ClientIdStored extends RuntimeException {
        ClientIdStored() {
            super("a client id is stored already", null, false, false);
        }
    }

    private static boolean hasState(Throwable e, String sqlState) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sqlState.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
