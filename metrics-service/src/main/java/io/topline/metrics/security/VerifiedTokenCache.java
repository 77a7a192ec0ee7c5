package io.topline.metrics.security;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.topline.chassis.security.Digests;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reuses the verification of a bearer token the verifier already accepted, until the token expires.
 *
 * <p>So a system posting measurement after measurement with the same token is not verified again on every request.
 * <p>Why: under single POSTs, verifying the RS256 token took 12 % of the service's CPU and 70 % of its allocations (the
 * JSON parser inside smallrye-jwt allocates a 16 KB buffer per parse, two parses per token). What is kept is only what
 * {@code mp.jwt.verify} accepted, under the SHA-256 of the whole token (a token with any other byte, such as a forged
 * signature, is another key and is verified afresh), and only until the earlier of the token's expiry and
 * {@code topline.security.token-cache.max-age}; after that the token goes through the verifier again, with all its
 * rules (signature, issuer, clock skew). The verification key is read once at start, so no key can be withdrawn under
 * a cached token; with a refreshed key set (JWKS), max-age bounds how long a token outlives its key.
 */
@Decorator
@Priority(1)
public abstract class VerifiedTokenCache implements JWTParser {

    /** A token the verifier accepted, and until when that verification is reused. */
    private record Verified(JsonWebToken token, long reuseUntilMillis) {
    }

    private final JWTParser verifier;
    private final TokenCacheConfig config;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    @Inject
    VerifiedTokenCache(@Delegate @Any JWTParser verifier, TokenCacheConfig config) {
        this.verifier = verifier;
        this.config = config;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        String key = Digests.sha256Hex(token);
        long now = System.currentTimeMillis();
        Verified hit = verified.get(key);
        if (hit != null && now < hit.reuseUntilMillis()) {
            return hit.token();
        }
        JsonWebToken accepted = verifier.parse(token);
        long reuseUntil = Math.min(accepted.getExpirationTime() * 1000L, now + config.maxAge().toMillis());
        if (verified.size() >= config.maxEntries()) {
            verified.values().removeIf(v -> v.reuseUntilMillis() <= now);
        }
        if (reuseUntil > now && verified.size() < config.maxEntries()) {
            verified.put(key, new Verified(accepted, reuseUntil));
        } else if (hit != null) {
            verified.remove(key, hit);
        }
        return accepted;
    }

}
