-- enforcement: cases, decisions, approvals, appeals, outbox, re-identification
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
