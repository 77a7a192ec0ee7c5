package io.topline.chassis.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * Stops a service from starting without an expected token audience ({@code mp.jwt.verify.audiences}, from
 * {@code TOPLINE_JWT_AUDIENCE}), in every profile.
 *
 * <p>Why: without it smallrye-jwt accepts a token issued by the same identity provider for any other application,
 * and a missing setting is a silent hole, not an error. The test and local profiles name their own audience.
 */
@ApplicationScoped
public class TokenAudienceRequirement {

    static final String PROPERTY = "mp.jwt.verify.audiences";

    private final Optional<String> audiences;

    public TokenAudienceRequirement(@ConfigProperty(name = PROPERTY) Optional<String> audiences) {
        this.audiences = audiences;
    }

    void onStart(@Observes StartupEvent event) {
        if (audiences.isEmpty() || audiences.get().isBlank()) {
            throw new IllegalStateException(PROPERTY + " is not set: set TOPLINE_JWT_AUDIENCE to the audience ('aud') "
                    + "that bearer tokens for this suite carry");
        }
    }
}
