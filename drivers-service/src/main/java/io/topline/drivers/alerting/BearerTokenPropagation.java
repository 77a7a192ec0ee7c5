package io.topline.drivers.alerting;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/**
 * Sends the caller's own bearer token on to alerts-service, so that alerts-service decides with the caller's roles
 * (its alerting definitions are admin only) and records the caller as the one who changed them.
 */
@ApplicationScoped
public class BearerTokenPropagation implements ClientHeadersFactory {

    private final JsonWebToken token;

    public BearerTokenPropagation(JsonWebToken token) {
        this.token = token;
    }

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming,
                                                 MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        String raw = token.getRawToken();
        if (raw != null) {
            headers.putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + raw);
        }
        return headers;
    }
}
