package io.topline.metrics.ingestkey;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An ingest key as the API shows it: never its secret, except {@code key} in the response that created it (shown
 * once); {@code prefix} tells keys apart.
 */
public record IngestKeyResponse(UUID id, String source, String description, List<String> measures, String prefix,
                                boolean revoked, String createdBy, Instant createdAt, String revokedBy,
                                Instant revokedAt, Instant lastUsedAt,
                                @JsonInclude(JsonInclude.Include.NON_NULL) String key) {

    static IngestKeyResponse of(IngestKey key, String secret) {
        return new IngestKeyResponse(key.id(), key.source(), key.description(), key.measures(), key.prefix(),
                key.revoked(), key.createdBy(), key.createdAt(), key.revokedBy(), key.revokedAt(), key.lastUsedAt(),
                secret);
    }
}
