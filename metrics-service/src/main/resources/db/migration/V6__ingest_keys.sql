-- Ingest keys: one per source system, scoped to measures; only the SHA-256 of the secret is kept.
CREATE TABLE ingest_key (
    id           UUID PRIMARY KEY,
    source       VARCHAR(200) NOT NULL,
    description  VARCHAR(500),
    prefix       VARCHAR(16)  NOT NULL,
    secret_hash  VARCHAR(64)  NOT NULL UNIQUE,
    created_by   VARCHAR(200) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_by   VARCHAR(200),
    revoked_at   TIMESTAMP WITH TIME ZONE,
    last_used_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ingest_key_created ON ingest_key (created_at, id);

CREATE TABLE ingest_key_measure (
    key_id      UUID        NOT NULL REFERENCES ingest_key (id) ON DELETE CASCADE,
    measure_key VARCHAR(64) NOT NULL,
    PRIMARY KEY (key_id, measure_key)
);
