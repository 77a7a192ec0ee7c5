package io.topline.metrics.ingestkey;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.topline.chassis.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * Turns a valid ingest key into an identity with the ingest role only, named {@code ingest-key:<id>}, that carries
 * its grant (source and measures); an unknown or revoked key fails authentication (401).
 */
@ApplicationScoped
public class IngestKeyIdentityProvider implements IdentityProvider<IngestKeyAuthenticationRequest> {

    private final IngestKeyService keys;

    public IngestKeyIdentityProvider(IngestKeyService keys) {
        this.keys = keys;
    }

    @Override
    public Class<IngestKeyAuthenticationRequest> getRequestType() {
        return IngestKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(IngestKeyAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        Optional<IngestKeyGrant> recent = keys.recentlyVerified(request.secret());
        if (recent.isPresent()) {
            return Uni.createFrom().item(identity(recent.get()));
        }
        // the lookup reads the database (once per key and cache age): off the event loop
        return context.runBlocking(() -> keys.verify(request.secret()).map(IngestKeyIdentityProvider::identity)
                .orElseThrow(() -> new AuthenticationFailedException("unknown or revoked ingest key")));
    }

    private static SecurityIdentity identity(IngestKeyGrant grant) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("ingest-key:" + grant.keyId()))
                .addRole(Roles.INGEST)
                .addAttribute(IngestKeyGrant.ATTRIBUTE, grant)
                .build();
    }
}
