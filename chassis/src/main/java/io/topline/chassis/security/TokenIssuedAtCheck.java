package io.topline.chassis.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Refuses a bearer token issued in the future (its {@code iat} later than now plus the allowed clock skew).
 *
 * <p>Why: smallrye-jwt checks {@code exp}, {@code iat <= exp} and the token's lifetime, but not that {@code iat} has
 * passed, so a token minted with a clock far ahead (or forged by a holder of a leaked key to outlive a key rotation)
 * would be accepted. The wall clock is read, not the suite's injected {@code Clock}: token times are real time, and
 * tests pin the injected clock to other dates.
 */
@ApplicationScoped
public class TokenIssuedAtCheck implements SecurityIdentityAugmentor {

    private final long allowedSkewSeconds;

    public TokenIssuedAtCheck(@ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "60") long skewSeconds) {
        this.allowedSkewSeconds = skewSeconds;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.getPrincipal() instanceof JsonWebToken token && issuedInTheFuture(token)) {
            return Uni.createFrom().failure(new AuthenticationFailedException("The token was issued in the future"));
        }
        return Uni.createFrom().item(identity);
    }

    /** Whether {@code token} carries an {@code iat} later than now plus the allowed skew. */
    boolean issuedInTheFuture(JsonWebToken token) {
        if (token.getClaim("iat") == null) {
            // smallrye-jwt requires iat unless told otherwise; a token without one has no time to judge here
            return false;
        }
        long issuedAt = token.getIssuedAtTime();
        long nowSeconds = System.currentTimeMillis() / 1000;
        return issuedAt > nowSeconds + allowedSkewSeconds;
    }
}
