package io.topline.metrics.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.topline.chassis.problem.Problem;
import io.topline.chassis.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * The {@code Idempotency-Key} header with the semantics of the IETF httpapi draft: the first response is replayed for
 * the same key and body, another body under the same key is 422, and a key whose request is still running is 409.
 *
 * <p>The response is recorded in the same transaction as the work, so a replay never claims what did not commit.
 * Client errors are recorded too (they would recur); a failure of the service releases the key for a retry.
 */
@ApplicationScoped
public class IdempotencyService {

    /** Longest key accepted. */
    public static final int MAX_KEY = 255;

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
        Instant now = clock.instant();
        IdempotencyRecord existing = QuarkusTransaction.requiringNew()
                .call(() -> claimOrFind(principal, key, fingerprint, now));
        if (existing != null) {
            return replay(existing, fingerprint);
        }
        return runClaimed(principal, key, instance, work);
    }

    /** Claims the key for this request; null when claimed, else the record of the request that holds it. */
    private IdempotencyRecord claimOrFind(String principal, String key, String fingerprint, Instant now) {
        if (repository.claim(principal, key, fingerprint, now)) {
            return null;
        }
        IdempotencyRecord record = repository.lock(principal, key);
        if (record == null) {
            // released between our insert attempt and the lock: take it
            repository.claim(principal, key, fingerprint, now);
            return null;
        }
        boolean abandoned = !record.completed() && record.createdAt().isBefore(now.minus(config.idempotencyAbandonedAfter()));
        boolean expired = record.createdAt().isBefore(now.minus(config.idempotencyRetention()));
        if (abandoned || expired) {
            repository.restart(principal, key, fingerprint, now);
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
            throw ProblemException.conflict("idempotency-key-in-flight",
                    "A request with this Idempotency-Key is still being processed; retry later");
        }
        return new StoredResponse(existing.status(), existing.contentType(), existing.body(), true);
    }

    /** Runs the work under the claimed key: a response or client error completes the key, anything else frees it. */
    private StoredResponse runClaimed(String principal, String key, String instance, Work work) {
        try {
            return work.run(response -> {
                repository.complete(principal, key, response.status(), response.contentType(), json(response.body()),
                        clock.instant());
                return response;
            });
        } catch (ProblemException e) {
            if (e.status() < 500) {
                Problem problem = new Problem(Problem.TYPE_BASE + e.slug(), e.title(), e.status(), e.getMessage(),
                        instance, e.violations());
                QuarkusTransaction.requiringNew().run(() -> repository.complete(principal, key, e.status(),
                        Problem.MEDIA_TYPE, json(problem), clock.instant()));
            } else {
                release(principal, key);
            }
            throw e;
        } catch (RuntimeException e) {
            release(principal, key);
            throw e;
        }
    }

    private void release(String principal, String key) {
        QuarkusTransaction.requiringNew().run(() -> repository.release(principal, key));
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        QuarkusTransaction.requiringNew().run(() ->
                repository.purgeCreatedBefore(clock.instant().minus(config.idempotencyRetention())));
    }

    private String fingerprint(Object request) {
        try {
            // the parsed request, re-serialised: insignificant whitespace or key order do not make another body
            byte[] canonical = mapper.writeValueAsBytes(request);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
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
