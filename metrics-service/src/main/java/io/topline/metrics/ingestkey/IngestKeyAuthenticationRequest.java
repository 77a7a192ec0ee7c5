package io.topline.metrics.ingestkey;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A request that presented an ingest key's secret as its bearer token. */
public class IngestKeyAuthenticationRequest extends BaseAuthenticationRequest {

    private final String secret;

    public IngestKeyAuthenticationRequest(String secret) {
        this.secret = secret;
    }

    public String secret() {
        return secret;
    }
}
