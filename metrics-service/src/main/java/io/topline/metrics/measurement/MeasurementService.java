package io.topline.metrics.measurement;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.topline.metrics.actual.Actual;
import io.topline.metrics.actual.ActualService;
import io.topline.metrics.actual.PeriodAggregate;
import io.topline.metrics.catalog.MeasureInfo;
import io.topline.metrics.ingest.IdempotencyService;
import io.topline.metrics.ingest.IdempotencyService.StoredResponse;
import io.topline.metrics.ingest.IngestConfig;
import io.topline.metrics.problem.Problem;
import io.topline.metrics.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;

import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Ingests measurements: checks every rule first, then stores them, merges them into their period actuals and appends
 * one {@code topline.actual.updated} per measure-period, all in one transaction, so a 2xx means all of it committed.
 */
@ApplicationScoped
public class MeasurementService {

    private static final int ATTEMPTS = 3;
    private static final String BATCH_PATH = "/measurements/batch";

    private final MeasurementRules rules;
    private final MeasurementRepository repository;
    private final ActualService actuals;
    private final IdempotencyService idempotency;
    private final IngestConfig config;

    public MeasurementService(MeasurementRules rules, MeasurementRepository repository, ActualService actuals,
                              IdempotencyService idempotency, IngestConfig config) {
        this.rules = rules;
        this.repository = repository;
        this.actuals = actuals;
        this.idempotency = idempotency;
        this.config = config;
    }

    /** Records one measurement; a stored client id with the same content is reported as a duplicate. */
    public RecordMeasurementResponse record(RecordMeasurementRequest request) {
        Instant now = Instant.now();
        List<Problem.Violation> violations = new ArrayList<>();
        ValidMeasurement measurement = rules.check(0, request, "", now, violations).orElse(null);
        if (measurement == null) {
            throw invalid("The measurement breaks " + violations.size() + " rule(s)", violations);
        }
        IngestOutcome outcome = ingest(List.of(measurement), now, o -> o);
        String status = outcome.duplicates().isEmpty() ? RecordMeasurementResponse.ACCEPTED : RecordMeasurementResponse.DUPLICATE;
        return new RecordMeasurementResponse(measurement.clientId(), measurement.measure().key(), measurement.value(),
                measurement.occurredAt(), measurement.source(), measurement.period().label(), status);
    }

    /** Records a batch, honouring an {@code Idempotency-Key} when one is given ({@code idempotencyKey} may be null). */
    public StoredResponse recordBatch(RecordMeasurementBatchRequest request, String idempotencyKey, String principal) {
        if (idempotencyKey == null) {
            return new StoredResponse(200, MediaType.APPLICATION_JSON, recordBatch(request, response -> response), false);
        }
        return idempotency.execute(principal, idempotencyKey, request, BATCH_PATH, record -> {
            RecordBatchResponse response = recordBatch(request,
                    body -> { record.apply(new StoredResponse(200, MediaType.APPLICATION_JSON, body, false)); return body; });
            return new StoredResponse(200, MediaType.APPLICATION_JSON, response, false);
        });
    }

    /**
     * Records every item or none.
     *
     * @param inSameTransaction sees the response before the transaction commits (to record it for replays)
     */
    RecordBatchResponse recordBatch(RecordMeasurementBatchRequest request,
                                    Function<RecordBatchResponse, RecordBatchResponse> inSameTransaction) {
        if (request == null || request.items() == null) {
            throw invalid("The batch has no items", List.of(new Problem.Violation("items", "is required")));
        }
        List<RecordMeasurementRequest> items = request.items();
        if (items.size() > config.batchMaxItems()) {
            throw new ProblemException(413, "batch-too-large", "Batch too large", "The batch holds " + items.size()
                    + " items; at most " + config.batchMaxItems() + " are accepted in one request",
                    List.of(new Problem.Violation("items", "must hold at most " + config.batchMaxItems() + " items")));
        }
        if (items.isEmpty()) {
            throw invalid("The batch has no items", List.of(new Problem.Violation("items", "must hold at least one item")));
        }
        Instant now = Instant.now();
        List<Problem.Violation> violations = new ArrayList<>();
        List<ValidMeasurement> valid = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            rules.check(i, items.get(i), "items[" + i + "].", now, violations).ifPresent(valid::add);
        }
        if (!violations.isEmpty()) {
            throw invalid("The batch was not recorded: " + violations.size() + " violation(s); nothing was written", violations);
        }
        // the same client id twice in one batch: the first stands, an identical repeat is a duplicate, another content a conflict
        Map<String, ValidMeasurement> firstById = new HashMap<>();
        List<ValidMeasurement> distinct = new ArrayList<>(valid.size());
        List<Integer> repeated = new ArrayList<>();
        List<Problem.Violation> conflicts = new ArrayList<>();
        for (ValidMeasurement m : valid) {
            if (m.clientId() == null) {
                distinct.add(m);
                continue;
            }
            ValidMeasurement first = firstById.putIfAbsent(m.clientId(), m);
            if (first == null) {
                distinct.add(m);
            } else if (first.sameContentAs(m.measure().key(), m.value(), m.occurredAt(), m.source())) {
                repeated.add(m.index());
            } else {
                conflicts.add(new Problem.Violation("items[" + m.index() + "].id", "id '" + m.clientId()
                        + "' is also used by items[" + first.index() + "] with different content"));
            }
        }
        if (!conflicts.isEmpty()) {
            throw conflict(conflicts);
        }
        int received = items.size();
        IngestOutcome outcome = ingest(distinct, now, o -> {
            List<Integer> duplicateIndexes = new ArrayList<>(repeated);
            o.duplicates().forEach(d -> duplicateIndexes.add(d.index()));
            duplicateIndexes.sort(null);
            List<RecordBatchResponse.ActualRevision> revisions = o.actuals().stream()
                    .map(a -> new RecordBatchResponse.ActualRevision(a.measureKey(), a.period(), a.revision()))
                    .toList();
            inSameTransaction.apply(new RecordBatchResponse(received, o.accepted().size(), duplicateIndexes.size(),
                    duplicateIndexes, revisions));
            return o;
        });
        List<Integer> duplicateIndexes = new ArrayList<>(repeated);
        outcome.duplicates().forEach(d -> duplicateIndexes.add(d.index()));
        duplicateIndexes.sort(null);
        return new RecordBatchResponse(received, outcome.accepted().size(), duplicateIndexes.size(), duplicateIndexes,
                outcome.actuals().stream()
                        .map(a -> new RecordBatchResponse.ActualRevision(a.measureKey(), a.period(), a.revision()))
                        .toList());
    }

    /**
     * Stores already checked measurements (distinct client ids) in one transaction, retried when PostgreSQL picked it
     * as a deadlock victim; {@code inSameTransaction} runs before the commit.
     */
    public IngestOutcome ingest(List<ValidMeasurement> measurements, Instant now,
                                Function<IngestOutcome, IngestOutcome> inSameTransaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> inSameTransaction.apply(store(measurements, now)));
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !retryable(e)) {
                    throw e;
                }
            }
        }
    }

    private IngestOutcome store(List<ValidMeasurement> measurements, Instant now) {
        Set<String> inserted = repository.insertNew(measurements, now);
        List<String> retried = new ArrayList<>();
        for (ValidMeasurement m : measurements) {
            if (m.clientId() != null && !inserted.contains(m.clientId())) {
                retried.add(m.clientId());
            }
        }
        List<ValidMeasurement> accepted = measurements;
        List<ValidMeasurement> duplicates = List.of();
        if (!retried.isEmpty()) {
            Map<String, MeasurementRepository.StoredContent> stored = repository.storedContent(retried);
            accepted = new ArrayList<>(measurements.size());
            duplicates = new ArrayList<>();
            List<Problem.Violation> conflicts = new ArrayList<>();
            for (ValidMeasurement m : measurements) {
                if (m.clientId() == null || inserted.contains(m.clientId())) {
                    accepted.add(m);
                    continue;
                }
                MeasurementRepository.StoredContent s = stored.get(m.clientId());
                if (s != null && m.sameContentAs(s.measure(), s.value(), s.occurredAt(), s.source())) {
                    duplicates.add(m);
                } else {
                    conflicts.add(new Problem.Violation(measurements.size() == 1 && m.index() == 0 ? "id" : "items[" + m.index() + "].id",
                            "id '" + m.clientId() + "' was already recorded with different content"));
                }
            }
            if (!conflicts.isEmpty()) {
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
        return new IngestOutcome(accepted, duplicates, changed);
    }

    /** A page of raw measurements of {@code measure} that occurred in [{@code from}, {@code to}). */
    public MeasurementPage list(String measure, String from, String to, int page, int size) {
        Instant start = from == null ? Instant.EPOCH : instant("from", from);
        Instant end = to == null ? Instant.parse("9999-01-01T00:00:00Z") : instant("to", to);
        List<Measurement> rows = QuarkusTransaction.joiningExisting().call(() ->
                repository.slice(measure, start, end, page * size, size + 1));
        boolean hasMore = rows.size() > size;
        List<MeasurementResponse> items = rows.stream().limit(size).map(MeasurementResponse::of).toList();
        return new MeasurementPage(items, page, size, hasMore);
    }

    private static Instant instant(String field, String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new ProblemException(400, "validation", "Invalid request", "Query parameter '" + field
                    + "' must be an ISO-8601 instant with an offset",
                    List.of(new Problem.Violation(field, "must be an ISO-8601 instant with an offset")));
        }
    }

    private static ProblemException invalid(String detail, List<Problem.Violation> violations) {
        return new ProblemException(422, "invalid-measurement", "Invalid measurement", detail, violations);
    }

    private static ProblemException conflict(List<Problem.Violation> violations) {
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
