package io.topline.metrics.measurement;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.topline.metrics.actual.Actual;
import io.topline.metrics.actual.ActualService;
import io.topline.metrics.actual.PeriodAggregate;
import io.topline.metrics.catalog.MeasureInfo;
import io.topline.metrics.problem.Problem;
import io.topline.metrics.problem.ProblemException;
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
     * @param conflictsAbort whether a client id stored with other content fails the whole transaction with 409 (a
     *                       request that is all or nothing) or is only reported in the outcome, not written, while the
     *                       rest commits (independent requests that share a group commit)
     */
    public IngestOutcome ingest(List<ValidMeasurement> measurements, Instant now, boolean conflictsAbort,
                                Function<IngestOutcome, IngestOutcome> inSameTransaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew()
                        .call(() -> inSameTransaction.apply(store(measurements, now, conflictsAbort)));
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !retryable(e)) {
                    throw e;
                }
            }
        }
    }

    private IngestOutcome store(List<ValidMeasurement> measurements, Instant now, boolean conflictsAbort) {
        Set<String> inserted = repository.insertNew(measurements, now);
        List<String> retried = new ArrayList<>();
        for (ValidMeasurement m : measurements) {
            if (m.clientId() != null && !inserted.contains(m.clientId())) {
                retried.add(m.clientId());
            }
        }
        List<ValidMeasurement> accepted = measurements;
        List<ValidMeasurement> duplicates = List.of();
        List<ValidMeasurement> conflicting = List.of();
        if (!retried.isEmpty()) {
            Map<String, MeasurementRepository.StoredContent> stored = repository.storedContent(retried);
            accepted = new ArrayList<>(measurements.size());
            duplicates = new ArrayList<>();
            conflicting = new ArrayList<>();
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
                List<Problem.Violation> conflicts = new ArrayList<>();
                for (ValidMeasurement m : conflicting) {
                    conflicts.add(new Problem.Violation(measurements.size() == 1 && m.index() == 0 ? "id"
                            : "items[" + m.index() + "].id", alreadyRecorded(m.clientId())));
                }
                throw conflict(conflicts);
            }
        }
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

    private static boolean retryable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && ("40P01".equals(sql.getSQLState()) || "40001".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
