"""Numbered schema migrations of the store.

Append only: never edit a migration that has shipped; add the next number. Each
runs in its own transaction (:meth:`warden.store.Store.migrate`).
"""

from __future__ import annotations

_M1_CORE = """
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
"""

_M2_AUDIT = """
-- The audit log: hash-chained, with a Merkle tree over the entry hashes.
-- Personal data stays out of the hashed record: `private` holds it, committed to
-- by `private_commit` = SHA-256(salt || canonical private); erasing a subject
-- clears `private` and `private_salt` without breaking the chain.
CREATE TABLE audit_log (
    seq            BIGINT PRIMARY KEY,
    ts             VARCHAR NOT NULL,
    actor          VARCHAR NOT NULL,
    action         VARCHAR NOT NULL,
    subject        VARCHAR,
    details        VARCHAR NOT NULL,
    private_commit VARCHAR,
    prev_hash      VARCHAR NOT NULL,
    hash           VARCHAR NOT NULL
);

CREATE TABLE audit_private (
    seq           BIGINT PRIMARY KEY,
    salt          BLOB,
    private       VARCHAR
);
"""

_M3_ENFORCEMENT = """
CREATE TABLE cases (
    case_id       VARCHAR PRIMARY KEY,
    kind          VARCHAR NOT NULL,            -- account | group | alert
    subject       VARCHAR NOT NULL,            -- account pseudonym or group id
    members       JSON NOT NULL,               -- account pseudonyms
    state         VARCHAR NOT NULL,            -- open, in_review, pending_approval, decided, appealed, closed
    policy        VARCHAR,
    severity      VARCHAR NOT NULL,
    risk          DOUBLE NOT NULL,
    held          BOOLEAN NOT NULL DEFAULT false,
    opened_at     TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    due_at        TIMESTAMPTZ NOT NULL,
    assignee      VARCHAR,
    claimed_until TIMESTAMPTZ,
    escalated     BOOLEAN NOT NULL DEFAULT false
);

CREATE TABLE case_evidence (
    case_id    VARCHAR NOT NULL,
    seq        INTEGER NOT NULL,
    added_at   TIMESTAMPTZ NOT NULL,
    source     VARCHAR NOT NULL,
    risk       DOUBLE,
    reasons    JSON,
    PRIMARY KEY (case_id, seq)
);

-- Append only: a reversal or an appeal outcome is a new row that supersedes another.
CREATE TABLE decisions (
    decision_id   VARCHAR PRIMARY KEY,
    case_id       VARCHAR NOT NULL,
    action        VARCHAR NOT NULL,            -- no_action, warn, rate_limit, suspend, ban
    policy        VARCHAR NOT NULL,
    rationale     VARCHAR NOT NULL,
    actor         VARCHAR NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    evidence      JSON NOT NULL,
    evidence_hash VARCHAR NOT NULL,
    supersedes    VARCHAR,
    reason_kind   VARCHAR NOT NULL             -- decision | reversal | appeal_outcome
);

-- Approvals of severe decisions (four eyes), append only.
CREATE TABLE approvals (
    decision_id  VARCHAR PRIMARY KEY,
    approver     VARCHAR NOT NULL,
    approved     BOOLEAN NOT NULL,
    note         VARCHAR,
    decided_at   TIMESTAMPTZ NOT NULL
);

CREATE TABLE appeals (
    appeal_id   VARCHAR PRIMARY KEY,
    case_id     VARCHAR NOT NULL,
    decision_id VARCHAR NOT NULL,
    filed_by    VARCHAR NOT NULL,
    statement   VARCHAR NOT NULL,
    filed_at    TIMESTAMPTZ NOT NULL
);

CREATE TABLE outbox (
    idempotency_key VARCHAR PRIMARY KEY,
    decision_id     VARCHAR NOT NULL,
    payload         JSON NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      VARCHAR,
    delivered_at    TIMESTAMPTZ,
    delivered_to    VARCHAR
);

CREATE TABLE reid_requests (
    request_id    VARCHAR PRIMARY KEY,
    case_id       VARCHAR NOT NULL,
    requester     VARCHAR NOT NULL,
    justification VARCHAR NOT NULL,
    state         VARCHAR NOT NULL,            -- pending, approved, refused
    created_at    TIMESTAMPTZ NOT NULL,
    approver      VARCHAR,
    decided_at    TIMESTAMPTZ,
    expires_at    TIMESTAMPTZ
);
"""


def _m4_detection() -> str:
    from investigate.features import FEATURES

    cols = ",\n    ".join(f"{f} DOUBLE" for f in FEATURES)
    return f"""
CREATE TABLE detection_runs (
    run_id       VARCHAR PRIMARY KEY,
    started_at   TIMESTAMPTZ NOT NULL,
    finished_at  TIMESTAMPTZ NOT NULL,
    window_start TIMESTAMPTZ NOT NULL,
    window_end   TIMESTAMPTZ NOT NULL,
    accounts     INTEGER NOT NULL,
    groups       INTEGER NOT NULL,
    params       JSON NOT NULL,
    versions     JSON NOT NULL
);
-- No primary keys below: key rotation rewrites the account columns in place.
CREATE TABLE account_features (
    run_id  VARCHAR NOT NULL,
    account VARCHAR NOT NULL,
    {cols}
);
CREATE TABLE account_scores (
    run_id   VARCHAR NOT NULL,
    account  VARCHAR NOT NULL,
    score    DOUBLE NOT NULL,
    cluster  INTEGER,
    group_id VARCHAR,
    outlier  DOUBLE,
    x        DOUBLE,
    y        DOUBLE,
    signals  JSON,
    reasons  JSON
);
CREATE TABLE account_groups (
    run_id   VARCHAR NOT NULL,
    group_id VARCHAR NOT NULL,
    members  JSON NOT NULL,
    size     INTEGER NOT NULL,
    risk     DOUBLE NOT NULL,
    evidence JSON NOT NULL
);
CREATE TABLE clusters (
    run_id  VARCHAR NOT NULL,
    cluster INTEGER NOT NULL,
    size    INTEGER NOT NULL,
    spread  DOUBLE NOT NULL,
    profile JSON NOT NULL
);
"""


_M5_SWEEPS = """
CREATE TABLE sweep_runs (
    sweep_id        VARCHAR PRIMARY KEY,
    started_at      TIMESTAMPTZ NOT NULL,
    finished_at     TIMESTAMPTZ,
    status          VARCHAR NOT NULL,       -- running, done, failed
    files           INTEGER,
    records         BIGINT,
    accounts_scored INTEGER,
    cases_opened    INTEGER,
    cases_updated   INTEGER,
    cases_held      INTEGER,
    scan_clean      BOOLEAN,
    detection_run   VARCHAR,
    summary         JSON,
    error           VARCHAR
);
"""


MIGRATIONS: list[tuple[int, str, str]] = [
    (1, "core: events, quarantine, ingest ledger, vault", _M1_CORE),
    (2, "audit log", _M2_AUDIT),
    (
        3,
        "enforcement: cases, decisions, approvals, appeals, outbox, re-identification",
        _M3_ENFORCEMENT,
    ),
    (4, "detection runs, features, scores, groups, clusters", _m4_detection()),
    (5, "sweep runs", _M5_SWEEPS),
]

# Columns that hold pseudonyms of identifiers: key rotation rewrites them.
PSEUDONYM_COLUMNS: list[tuple[str, str]] = [
    ("events", "account"),
    ("events", "org"),
    ("events", "api_key"),
    ("events", "email"),
    ("events", "ip"),
    ("events", "ip_net"),
    ("events", "user_agent"),
    ("cases", "subject"),
    ("account_features", "account"),
    ("account_scores", "account"),
]

# Text and JSON columns that may hold pseudonyms inside them, with each table's key:
# key rotation rewrites the pseudonyms found in them.
TEXT_COLUMNS: list[tuple[str, str, str]] = [
    ("events", "request_id", "messages"),
    ("events", "request_id", "input_text"),
    ("events", "request_id", "completion"),
    ("cases", "case_id", "members"),
    ("account_groups", "group_id", "members"),
]
