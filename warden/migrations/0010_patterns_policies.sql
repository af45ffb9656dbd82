-- emerging patterns (investigate.patterns) and policies as code (investigate.policies)
CREATE TABLE patterns (
    entry         VARCHAR PRIMARY KEY,          -- run id ":" rank
    run_id        VARCHAR NOT NULL,
    rank          INTEGER NOT NULL,             -- 0 = the most urgent
    pattern       VARCHAR NOT NULL,
    found_at      TIMESTAMPTZ NOT NULL,
    window_start  TIMESTAMPTZ NOT NULL,
    window_end    TIMESTAMPTZ NOT NULL,
    body          JSON NOT NULL                 -- the pattern as reported (redacted examples)
);
CREATE TABLE pattern_marks (
    pattern    VARCHAR PRIMARY KEY,
    name       VARCHAR NOT NULL,
    mark       VARCHAR NOT NULL,                -- benign, abusive, unclear
    marked_by  VARCHAR NOT NULL,
    marked_at  TIMESTAMPTZ NOT NULL
);
-- every version of every policy file, as it was recorded; states move by audited steps
CREATE TABLE policy_versions (
    name          VARCHAR NOT NULL,
    version       INTEGER NOT NULL,
    definition    JSON NOT NULL,
    digest        VARCHAR NOT NULL,
    state         VARCHAR NOT NULL,             -- draft, shadow, pending, live, retired
    recorded_by   VARCHAR NOT NULL,
    recorded_at   TIMESTAMPTZ NOT NULL,
    requested_by  VARCHAR,
    approved_by   VARCHAR,
    approved_at   TIMESTAMPTZ,
    PRIMARY KEY (name, version)
);
-- what shadow and live policies flagged in each sweep (shadow ones open no case)
CREATE TABLE policy_hits (
    run_id    VARCHAR NOT NULL,
    name      VARCHAR NOT NULL,
    version   INTEGER NOT NULL,
    state     VARCHAR NOT NULL,
    account   VARCHAR NOT NULL,
    hits      INTEGER NOT NULL,
    seen_at   TIMESTAMPTZ NOT NULL
);
