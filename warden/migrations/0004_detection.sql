-- detection runs, features, scores, groups, clusters
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
    n_events DOUBLE,
    active_days DOUBLE,
    active_hours DOUBLE,
    per_active_hour DOUBLE,
    burstiness DOUBLE,
    gap_cv DOUBLE,
    hour_entropy DOUBLE,
    night_share DOUBLE,
    networks DOUBLE,
    ips DOUBLE,
    countries DOUBLE,
    clients DOUBLE,
    api_keys DOUBLE,
    prompt_tokens DOUBLE,
    completion_tokens DOUBLE,
    token_ratio DOUBLE,
    chat_share DOUBLE,
    embeddings_share DOUBLE,
    moderations_share DOUBLE,
    models DOUBLE,
    flag_rate DOUBLE,
    harm_rate DOUBLE,
    mod_peak DOUBLE,
    refusal_rate DOUBLE,
    jailbreak_rate DOUBLE,
    templates DOUBLE,
    top_template_share DOUBLE,
    pii_rate DOUBLE,
    net_sharers DOUBLE,
    template_sharers DOUBLE,
    first_seen_hours DOUBLE
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
