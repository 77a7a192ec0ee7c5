package io.topline.metrics.ingestkey;

import io.topline.chassis.page.Page;
import io.topline.chassis.page.PageRequest;
import io.topline.chassis.page.PanachePages;
import io.topline.chassis.problem.Problem;
import io.topline.chassis.problem.ProblemException;
import io.topline.chassis.security.Digests;
import io.topline.metrics.catalog.MeasureCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates, lists and revokes ingest keys, and tells whether a presented secret is a valid key.
 *
 * <p>A secret is 32 random bytes, so its SHA-256 is enough to store it safely (nothing to guess from a hash of that
 * much randomness; a slow password hash would only slow every request down). A verified key is reused for
 * {@code topline.ingest-keys.cache-max-age}, and its {@code lastUsedAt} is written once per such period.
 */
@ApplicationScoped
public class IngestKeyService {

    /** What every ingest key starts with: it tells keys from JWTs, and secret scanners can find leaked ones. */
    public static final String PREFIX = "tlk_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final IngestKeyRepository keys;
    private final MeasureCatalog catalog;
    private final IngestKeyConfig config;
    private final Clock clock;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    /** A key found valid, and until when that finding is reused. */
    private record Verified(IngestKeyGrant grant, Instant until) {
    }

    /** A new key and its secret, which only the creating response shows. */
    public record Created(IngestKey key, String secret) {
    }

    public IngestKeyService(IngestKeyRepository keys, MeasureCatalog catalog, IngestKeyConfig config, Clock clock) {
        this.keys = keys;
        this.catalog = catalog;
        this.config = config;
        this.clock = clock;
    }

    @Transactional
    public Created create(CreateIngestKeyRequest request, String createdBy) {
        requireKnownMeasures(request.measures());
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        IngestKey key = new IngestKey(request.source().strip(), request.description(), request.measures(),
                secret.substring(0, PREFIX.length() + 8), hash(secret), createdBy, clock.instant());
        keys.persist(key);
        return new Created(key, secret);
    }

    @Transactional
    public Page<IngestKey> list(PageRequest page) {
        return PanachePages.of(keys.find("order by createdAt desc, id"), page);
    }

    @Transactional
    public IngestKey get(UUID id) {
        return keys.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Ingest key", id.toString()));
    }

    @Transactional
    public IngestKey revoke(UUID id, String by) {
        IngestKey key = get(id);
        key.revoke(by, clock.instant());
        verified.values().removeIf(v -> v.grant().keyId().equals(id));
        return key;
    }

    /**
     * The grant of a secret verified less than {@code cache-max-age} ago, without touching the database: safe on the
     * event loop, so a system posting measurement after measurement does not hop to a worker thread for each.
     */
    public Optional<IngestKeyGrant> recentlyVerified(String secret) {
        Verified hit = verified.get(hash(secret));
        return hit != null && clock.instant().isBefore(hit.until()) ? Optional.of(hit.grant()) : Optional.empty();
    }

    /** The grant of a presented secret; empty when it is no key, or a revoked one. Blocks: not on the event loop. */
    @Transactional
    public Optional<IngestKeyGrant> verify(String secret) {
        String hash = hash(secret);
        Instant now = clock.instant();
        Verified hit = verified.get(hash);
        if (hit != null && now.isBefore(hit.until())) {
            return Optional.of(hit.grant());
        }
        Optional<IngestKey> key = keys.findBySecretHash(hash).filter(k -> !k.revoked());
        if (key.isEmpty()) {
            verified.remove(hash);
            return Optional.empty();
        }
        key.get().used(now);
        IngestKeyGrant grant = new IngestKeyGrant(key.get().id(), key.get().source(), Set.copyOf(key.get().measures()));
        verified.put(hash, new Verified(grant, now.plus(config.cacheMaxAge())));
        return Optional.of(grant);
    }

    private void requireKnownMeasures(List<String> measures) {
        List<Problem.Violation> violations = new ArrayList<>();
        for (int i = 0; i < measures.size(); i++) {
            String measure = measures.get(i);
            if (catalog.find(measure).isEmpty()) {
                violations.add(new Problem.Violation("measures[" + i + "]", "unknown measure '" + measure + "'"));
            }
        }
        if (!violations.isEmpty()) {
            throw ProblemException.unprocessable("An ingest key may only name known measures", violations);
        }
    }

    static String hash(String secret) {
        return Digests.sha256Hex(secret);
    }
}
