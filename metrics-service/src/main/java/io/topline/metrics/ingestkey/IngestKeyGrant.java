package io.topline.metrics.ingestkey;

import io.quarkus.security.identity.SecurityIdentity;
import io.topline.chassis.problem.Problem;
import io.topline.chassis.problem.ProblemException;
import io.topline.metrics.measurement.RecordMeasurementBatchRequest;
import io.topline.metrics.measurement.RecordMeasurementRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** What a request authenticated with an ingest key may do: post as one source, for some measures. */
public record IngestKeyGrant(UUID keyId, String source, Set<String> measures) {

    /** The attribute of a {@link SecurityIdentity} that carries the grant. */
    static final String ATTRIBUTE = "topline.ingest-key";

    /** The grant of the request's identity; empty when a person's JWT authenticated it. */
    public static Optional<IngestKeyGrant> of(SecurityIdentity identity) {
        return Optional.ofNullable(identity.getAttribute(ATTRIBUTE));
    }

    /**
     * The measurement as this key posts it (its source is the key's), or a 403 problem when it names a measure
     * outside the key's scope or another source. A person's JWT posts as it always did.
     */
    public static RecordMeasurementRequest restrict(SecurityIdentity identity, RecordMeasurementRequest request) {
        return of(identity).map(grant -> grant.restrictAll(List.of(request), "").get(0)).orElse(request);
    }

    /** A batch as this key posts it: every item checked, and all refused together (403) when one is out of scope. */
    public static RecordMeasurementBatchRequest restrict(SecurityIdentity identity,
                                                         RecordMeasurementBatchRequest batch) {
        if (batch == null || batch.items() == null) {
            return batch;
        }
        return of(identity).map(grant -> new RecordMeasurementBatchRequest(grant.restrictAll(batch.items(), "items")))
                .orElse(batch);
    }

    private List<RecordMeasurementRequest> restrictAll(List<RecordMeasurementRequest> items, String field) {
        List<Problem.Violation> violations = new ArrayList<>();
        List<RecordMeasurementRequest> restricted = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            RecordMeasurementRequest item = items.get(i);
            String prefix = field.isEmpty() ? "" : field + "[" + i + "].";
            if (item == null) {
                restricted.add(null); // the ingestion rules say what is wrong with it
                continue;
            }
            if (item.measure() != null && !measures.contains(item.measure())) {
                violations.add(new Problem.Violation(prefix + "measure", "this ingest key (source '" + source
                        + "') may not post measure '" + item.measure() + "'; it may post " + measures.stream().sorted()
                        .toList()));
            }
            if (item.source() != null && !item.source().equals(source)) {
                violations.add(new Problem.Violation(prefix + "source", "comes from the ingest key: '" + source
                        + "'; leave it out or send it as it is"));
            }
            restricted.add(item.withSource(source));
        }
        if (!violations.isEmpty()) {
            throw new ProblemException(403, "ingest-key-scope", "Forbidden", "The ingest key may not post "
                    + violations.size() + " of these measurement field(s)", violations);
        }
        return restricted;
    }
}
