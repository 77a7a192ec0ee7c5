package io.topline.metrics.ingestkey;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.smallrye.jwt.runtime.auth.JWTAuthMechanism;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.util.HashSet;
import java.util.Set;

/**
 * Bearer authentication that tells the two kinds of bearer apart: a token starting {@code tlk_} is an ingest key,
 * checked by {@link IngestKeyIdentityProvider}; anything else is a person's JWT, left to smallrye-jwt as before.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class IngestKeyAuthMechanism implements HttpAuthenticationMechanism {

    private static final String BEARER = "Bearer ";

    private final JWTAuthMechanism jwt;

    public IngestKeyAuthMechanism(JWTAuthMechanism jwt) {
        this.jwt = jwt;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String authorization = context.request().getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && authorization.startsWith(IngestKeyService.PREFIX, BEARER.length())) {
            return identities.authenticate(new IngestKeyAuthenticationRequest(
                    authorization.substring(BEARER.length()).strip()));
        }
        return jwt.authenticate(context, identities);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return jwt.getChallenge(context);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        Set<Class<? extends AuthenticationRequest>> types = new HashSet<>(jwt.getCredentialTypes());
        types.add(IngestKeyAuthenticationRequest.class);
        return types;
    }
}
