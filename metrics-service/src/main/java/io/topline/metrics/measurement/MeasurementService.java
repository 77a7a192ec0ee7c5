package io.topline.metrics.measurement;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.topline.metrics.catalog.MeasureCatalog;
import io.topline.metrics.ingest.IdempotencyService;
import io.topline.metrics.ingest.IdempotencyService.StoredResponse;
import io.topline.metrics.ingest.IngestConfig;
import io.topline.metrics.period.TimeBounds;
import io.topline.chassis.page.Page;
import io.topline.chassis.page.PageRequest;
import io.topline.chassis.page.PanachePages;
import io.topline.chassis.problem.Problem;
import io.topline.chassis.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.function.Function;

/**
 * Ingests measurements: checks every rule first, then stores them, merges them into their period actuals and appends
 * one {@code topline.actual.updated} per measure-period, all in one transaction, so a 2xx means all of it committed.
 */
@ApplicationScoped
public class MeasurementService {

    private static final String BATCH_PATH = "/measurements/batch";

    private final MeasurementRules rules;
    private final MeasureCatalog catalog;
    private final MeasurementRepository repository;
    private final MeasurementStore store;
    private final SingleMeasurementWriter singles;
    private final IdempotencyService idempotency;
    private final IngestConfig config;
    private final TimeBounds bounds;
    private final Clock clock;

    @SuppressWarnings("java:S107")
    public MeasurementService(MeasurementRules rules, MeasureCatalog catalog, MeasurementRepository repository,
                              MeasurementStore store, SingleMeasurementWriter singles, IdempotencyService idempotency,
                              IngestConfig config, TimeBounds bounds, Clock clock) {
        this.clock = clock;
        this.bounds = bounds;
        this.rules = rules;
        this.catalog = catalog;
        this.repository = repository;
        this.store = store;
        this.singles = singles;
        this.idempotency = idempotency;
        this.config = config;
    }

    /**
     * Records one measurement; a stored client id with the same content is reported as a duplicate.
     *
     * <p>Why asynchronous: the rules are checked in memory on the calling (event-loop) thread and the measurement joins
     * the next group commit; the result completes once that group committed, so no thread waits for the commit and a
     * request crosses two threads instead of four. Only a measure this instance has not cached yet is looked up in the
     * table, on a worker thread, since the event loop must not block.
     */
    public Uni<RecordMeasurementResponse> record(RecordMeasurementRequest request) {
        Uni<ValidMeasurement> checked = Uni.createFrom().item(() -> check(request));
        if (request != null && request.measure() != null && !catalog.isCached(request.measure())) {
            checked = checked.runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        }
        return checked.chain(measurement -> Uni.createFrom().completionStage(singles.submit(measurement))
                .map(result -> new RecordMeasurementResponse(measurement.clientId(), measurement.measure().key(),
                        measurement.value(), measurement.occurredAt(), measurement.source(),
                        measurement.period().label(), result == SingleMeasurementWriter.Result.ACCEPTED
                                ? RecordMeasurementResponse.ACCEPTED : RecordMeasurementResponse.DUPLICATE)));
    }

    private ValidMeasurement check(RecordMeasurementRequest request) {
        List<Problem.Violation> violations = new ArrayList<>();
        ValidMeasurement measurement = rules.check(0, request, "", clock.instant(), violations).orElse(null);
        if (measurement == null) {
            throw invalid("The measurement breaks " + violations.size() + " rule(s)", violations);
        }
        return measurement;
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
        List<RecordMeasurementRequest> items = itemsWithinLimits(request);
        Instant now = clock.instant();
        DistinctItems distinct = distinctByClientId(checkAll(items, now));
        int received = items.size();
        IngestOutcome outcome = ingest(distinct.measurements(), now, o -> {
            inSameTransaction.apply(response(received, distinct.repeatedIndexes(), o));
            return o;
        });
        return response(received, distinct.repeatedIndexes(), outcome);
    }

    private List<RecordMeasurementRequest> itemsWithinLimits(RecordMeasurementBatchRequest request) {
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
        return items;
    }

    /** Every item checked against the rules; any violation of any item rejects the whole batch with all of them. */
    private List<ValidMeasurement> checkAll(List<RecordMeasurementRequest> items, Instant now) {
        List<Problem.Violation> violations = new ArrayList<>();
        List<ValidMeasurement> valid = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            rules.check(i, items.get(i), "items[" + i + "].", now, violations).ifPresent(valid::add);
        }
        if (!violations.isEmpty()) {
            throw invalid("The batch was not recorded: " + violations.size() + " violation(s); nothing was written", violations);
        }
        return valid;
    }

    /** The items of a batch to store, and the indexes of those that repeat an earlier item's client id and content. */
    private record DistinctItems(List<ValidMeasurement> measurements, List<Integer> repeatedIndexes) {
    }

    /**
     * The same client id twice in one batch: the first stands, an identical repeat is a duplicate, another content a
     * conflict (409 for the whole batch).
     */
    private static DistinctItems distinctByClientId(List<ValidMeasurement> valid) {
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
        return new DistinctItems(distinct, repeated);
    }

    /** The batch's response: repeats within the batch and client ids stored before both count as duplicates. */
    private static RecordBatchResponse response(int received, List<Integer> repeated, IngestOutcome outcome) {
        List<Integer> duplicateIndexes = new ArrayList<>(repeated);
        outcome.duplicates().forEach(d -> duplicateIndexes.add(d.index()));
        duplicateIndexes.sort(null);
        List<RecordBatchResponse.ActualRevision> revisions = outcome.actuals().stream()
                .map(a -> new RecordBatchResponse.ActualRevision(a.measureKey(), a.period(), a.revision()))
                .toList();
        return new RecordBatchResponse(received, outcome.accepted().size(), duplicateIndexes.size(), duplicateIndexes,
                revisions);
    }

    /**
     * Stores already checked measurements (distinct client ids) all or nothing, in one transaction;
     * {@code inSameTransaction} runs before the commit.
     */
    public IngestOutcome ingest(List<ValidMeasurement> measurements, Instant now,
                                Function<IngestOutcome, IngestOutcome> inSameTransaction) {
        return store.ingest(measurements, now, true, inSameTransaction);
    }

    /**
     * A page of raw measurements of {@code measure} that occurred in [{@code from}, {@code to}); either bound may be
     * an instant or a period label, which stands for its first instant as {@code from} and its end as {@code to}.
     */
    public Page<MeasurementResponse> list(String measure, String from, String to, PageRequest page) {
        Instant start = from == null ? Instant.EPOCH : bound("from", from, bounds.start(from));
        Instant end = to == null ? TimeBounds.UNBOUNDED_END : bound("to", to, bounds.end(to));
        return QuarkusTransaction.joiningExisting().call(() ->
                PanachePages.of(repository.occurredIn(measure, start, end), page).map(MeasurementResponse::of));
    }

    private static Instant bound(String field, String text, Optional<Instant> instant) {
        String message = "must be an ISO-8601 instant with an offset or a period label (" + TimeBounds.LABELS + ")";
        return instant.orElseThrow(() -> new ProblemException(400, "validation", "Invalid request",
                "Query parameter '" + field + "' " + message, List.of(new Problem.Violation(field, message))));
    }

    private static ProblemException invalid(String detail, List<Problem.Violation> violations) {
        return new ProblemException(422, "invalid-measurement", "Invalid measurement", detail, violations);
    }

    private static ProblemException conflict(List<Problem.Violation> violations) {
        return MeasurementStore.conflict(violations);
    }
}
