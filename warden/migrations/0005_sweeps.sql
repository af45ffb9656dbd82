-- sweep runs
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
