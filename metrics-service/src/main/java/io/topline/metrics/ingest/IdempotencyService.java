package io.topline.metrics.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.topline.chassis.problem.Problem;
import io.topline.chassis.problem.ProblemException;
import io.topline.chassis.security.Digests;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Function;

/**
 * The {@code Idempotency-Key} header with the semantics of the IETF httpapi draft: the first response is replayed for
 * the same key and body, another body under the same key is 422, and a key whose request is still running is 409.
 *
 * <p>The response is recorded in the same transaction as the work, so a replay never claims what did not commit.
 * Client errors are recorded too (they would recur); a failure of the service releases the key for a retry, and so
 * does a request that died with its connection (a database restart): a running request holds its record locked, so
 * an incomplete record nobody holds is free at once (see {@link IdempotencyRecordRepository}). Expired records are
 * deleted by the retention job.
 */
@ApplicationScoped
public class IdempotencyService {

    /** Longest key accepted. */
    public static final int MAX_KEY = 255;

    private static final String IN_FLIGHT = "idempotency-key-in-flight";

    private final IdempotencyRecordRepository repository;
    private final IngestConfig config;
    private final ObjectMapper mapper;
    private final Clock clock;

    public IdempotencyService(IdempotencyRecordRepository repository, IngestConfig config, ObjectMapper mapper, Clock clock) {
        this.clock = clock;
        this.repository = repository;
        this.config = config;
        this.mapper = mapper;
    }

    /** A response as sent, or as recorded for a replay. */
    public record StoredResponse(int status, String contentType, Object body, boolean replayed) {
    }

    /** Work that, given a way to record its response in its own transaction, produces that response. */
    @FunctionalInterface
    public interface Work {
        StoredResponse run(Function<StoredResponse, StoredResponse> recordInSameTransaction);
    }

    /**
     * Runs {@code work} once per key and request body, or replays its recorded response.
     *
     * @param instance the path a recorded problem response names as its {@code instance}
     */
    public StoredResponse execute(String principal, String key, Object request, String instance, Work work) {
        if (key.isBlank() || key.length() > MAX_KEY) {
            throw new ProblemException(400, "invalid-idempotency-key", "Invalid Idempotency-Key",
                    "The Idempotency-Key header must be 1 to " + MAX_KEY + " characters",
                    List.of(new Problem.Violation("Idempotency-Key", "must be 1 to " + MAX_KEY + " characters")));
        }
        String fingerprint = fingerprint(request);
        // PostgreSQL keeps microseconds: the claim's instant must compare equal once stored
        Claim claim = new Claim(principal, key, clock.instant().truncatedTo(ChronoUnit.MICROS));
        IdempotencyRecord existing = QuarkusTransaction.requiringNew().call(() -> claimOrFind(claim, fingerprint));
        if (existing != null) {
            return replay(existing, fingerprint);
        }
        return runClaimed(claim, instance, work);
    }

    /** One request's claim of a key, told apart from a later claim of the same key by its instant. */
    private record Claim(String principal, String key, Instant at) {
    }

    /** Claims the key for this request; null when claimed, else the record of the request that holds it. */
    private IdempotencyRecord claimOrFind(Claim claim, String fingerprint) {
        if (repository.claim(claim.principal(), claim.key(), fingerprint, claim.at())) {
            return null;
        }
        IdempotencyRecord record = repository.lockUnlessHeld(claim.principal(), claim.key());
        if (record == null) {
            // a running request holds it (the answer is its response or "in flight"), or it was just released
            IdempotencyRecord held = repository.read(claim.principal(), claim.key());
            if (held != null) {
                return held;
            }
            return repository.claim(claim.principal(), claim.key(), fingerprint, claim.at()) ? null
                    : repository.read(claim.principal(), claim.key());
        }
        // not held: an incomplete record's request died (its transaction and its lock went with it)
        boolean abandoned = !record.completed();
        boolean expired = record.createdAt().isBefore(claim.at().minus(config.idempotencyRetention()));
        if (abandoned || expired) {
            repository.restart(claim.principal(), claim.key(), fingerprint, claim.at());
            return null;
        }
        return record;
    }

    /** The recorded response of the same request; another body under the key, or one still running, is refused. */
    private static StoredResponse replay(IdempotencyRecord existing, String fingerprint) {
        if (!existing.fingerprint().equals(fingerprint)) {
            throw new ProblemException(422, "idempotency-key-reused", "Idempotency-Key reused",
                    "This Idempotency-Key was first used with a different request body",
                    List.of(new Problem.Violation("Idempotency-Key", "was used with a different request body")));
        }
        if (!existing.completed()) {
            throw inFlight();
        }
        return new StoredResponse(existing.status(), existing.contentType(), existing.body(), true);
    }

    private static ProblemException inFlight() {
        return ProblemException.conflict(IN_FLIGHT, "A request with this Idempotency-Key is still being processed; "
                + "retry later");
    }

    /**
     * Runs the work under the claimed key, holding the claim while it runs: a response or a client error completes the
     * key, anything else frees it, and a claim the database lost with its connection is free for a retry at once.
     */
    private StoredResponse runClaimed(Claim claim, String instance, Work work) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                if (!repository.hold(claim.principal(), claim.key(), claim.at())) {
                    throw inFlight();
                }
                return work.run(response -> recordResponse(claim, response));
            });
        } catch (ProblemException e) {
            if (IN_FLIGHT.equals(e.slug())) {
                // a retry took the key over between our claim and our hold: it runs the work, not us
                throw e;
            }
            if (e.status() < 500) {
                Problem problem = new Problem(Problem.TYPE_BASE + e.slug(), e.title(), e.status(), e.getMessage(),
                        instance, e.violations());
                QuarkusTransaction.requiringNew().run(() -> repository.complete(claim.principal(), claim.key(),
                        claim.at(), e.status(), Problem.MEDIA_TYPE, json(problem), clock.instant()));
            } else {
                release(claim, e);
            }
            throw e;
        } catch (RuntimeException e) {
            release(claim, e);
            throw e;
        }
    }

    /** Records the response in the work's transaction; a claim taken over meanwhile rolls the work back. */
    private StoredResponse recordResponse(Claim claim, StoredResponse response) {
        if (!repository.complete(claim.principal(), claim.key(), claim.at(), response.status(), response.contentType(),
                json(response.body()), clock.instant())) {
            throw inFlight();
        }
        return response;
    }

    /**
     * Frees the key for an immediate retry. When the database is what failed, this fails too; that is fine: the claim
     * is no longer held (its connection is gone), so a retry takes it over anyway.
     */
    private void release(Claim claim, RuntimeException failure) {
        try {
            QuarkusTransaction.requiringNew().run(() -> repository.release(claim.principal(), claim.key(), claim.at()));
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private String fingerprint(Object request) {
        try {
            // the parsed request, re-serialised: insignificant whitespace or key order do not make another body
            byte[] canonical = mapper.writeValueAsBytes(request);
            return Digests.sha256Hex(canonical);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot fingerprint the request", e);
        }
    }

    private String json(Object body) {
        if (body instanceof String text) {
            return text;
        }
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot record the response", e);
        }
    }
}
