-- core: events, quarantine, ingest ledger, vault
CREATE TABLE meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

-- Files ingested, by content hash: a file seen before is skipped unless --force.
CREATE TABLE ingest_files (
    content_hash  VARCHAR PRIMARY KEY,
    name          VARCHAR NOT NULL,      -- base name only
    size_bytes    BIGINT NOT NULL,
    records       BIGINT NOT NULL,
    stored        BIGINT NOT NULL,
    duplicates    BIGINT NOT NULL,
    quarantined   BIGINT NOT NULL,
    finished_at   TIMESTAMPTZ NOT NULL
);

-- Progress of a file being ingested: batches already committed. Lets a killed
-- ingest resume where it stopped.
CREATE TABLE ingest_progress (
    content_hash  VARCHAR NOT NULL,
    batch_no      BIGINT NOT NULL,
    records       BIGINT NOT NULL,
    stored        BIGINT NOT NULL,
    duplicates    BIGINT NOT NULL,
    quarantined   BIGINT NOT NULL,
    pii_counts    JSON,
    batch_size    BIGINT NOT NULL,            -- a resumed ingest keeps the size it started with
    PRIMARY KEY (content_hash, batch_no)
);

-- One row per API request. Identifiers are pseudonyms, free text is redacted.
CREATE TABLE events (
    request_id        VARCHAR PRIMARY KEY,
    ts                TIMESTAMPTZ NOT NULL,
    account           VARCHAR NOT NULL,
    org               VARCHAR,
    api_key           VARCHAR,
    email             VARCHAR,
    ip                VARCHAR,
    ip_net            VARCHAR,
    client            VARCHAR,
    user_agent        VARCHAR,
    country           VARCHAR,
    endpoint          VARCHAR NOT NULL,
    model             VARCHAR,
    status_code       INTEGER,
    prompt_tokens     INTEGER,
    completion_tokens INTEGER,
    flagged           BOOLEAN,
    moderation        JSON,
    messages          JSON,
    input_text        VARCHAR,
    completion        VARCHAR,
    template_hash     VARCHAR,
    simhash           BIGINT,
    refusal           BOOLEAN NOT NULL DEFAULT false,
    jailbreak_hits    INTEGER NOT NULL DEFAULT 0,
    pii_counts        JSON,
    key_version       INTEGER NOT NULL,
    source_hash       VARCHAR NOT NULL,
    ingested_at       TIMESTAMPTZ NOT NULL
);

-- Records that could not be parsed or validated. What is kept of the record is
-- redacted, never raw.
CREATE TABLE quarantine (
    source_hash   VARCHAR NOT NULL,
    source_name   VARCHAR NOT NULL,
    line_no       BIGINT NOT NULL,
    reason        VARCHAR NOT NULL,
    record        VARCHAR,
    quarantined_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (source_hash, line_no)
);

-- Vault: original identifiers, AEAD-encrypted under a per-subject data key that is
-- wrapped by the keyring's master key. Erasure deletes the wrapped key.
CREATE TABLE vault_subjects (
    subject      VARCHAR PRIMARY KEY,   -- the account pseudonym
    wrapped_key  BLOB,                  -- NULL once erased
    created_at   TIMESTAMPTZ NOT NULL,
    erased_at    TIMESTAMPTZ
);

CREATE TABLE vault_values (
    subject      VARCHAR NOT NULL,
    pseudonym    VARCHAR NOT NULL,
    kind         VARCHAR NOT NULL,
    ciphertext   BLOB,                   -- nonce || AES-GCM ciphertext; NULL once erased
    PRIMARY KEY (subject, pseudonym)
);

-- Old pseudonym -> current pseudonym, written by key rotation.
CREATE TABLE pseudonym_links (
    old_pseudonym VARCHAR PRIMARY KEY,
    new_pseudonym VARCHAR NOT NULL,
    rotated_at    TIMESTAMPTZ NOT NULL
);
