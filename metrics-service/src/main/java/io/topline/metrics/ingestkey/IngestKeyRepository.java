package io.topline.metrics.ingestkey;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.UUID;

/** Ingest keys, found by id or by the hash of their secret. */
@ApplicationScoped
public class IngestKeyRepository implements PanacheRepositoryBase<IngestKey, UUID> {

    public Optional<IngestKey> findBySecretHash(String hash) {
        return find("secretHash", hash).firstResultOptional();
    }
}
