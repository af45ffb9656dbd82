-- the model registry: rankings learned from analysts' decisions (investigate.learn)
CREATE TABLE models (
    version         INTEGER PRIMARY KEY,
    created_at      TIMESTAMPTZ NOT NULL,
    trained_by      VARCHAR NOT NULL,
    kind            VARCHAR NOT NULL,          -- logistic
    state           VARCHAR NOT NULL,          -- candidate, refused, pending, live, retired
    decisions_from  TIMESTAMPTZ NOT NULL,      -- the decisions it learned from
    decisions_to    TIMESTAMPTZ NOT NULL,
    tested_to       TIMESTAMPTZ NOT NULL,      -- the newer decisions it was measured on end here
    n_train         INTEGER NOT NULL,
    n_test          INTEGER NOT NULL,
    metrics         JSON NOT NULL,
    params          JSON NOT NULL,             -- coefficients and scaling: no pickle, no PII
    reason          VARCHAR NOT NULL,          -- why it may or may not be promoted
    requested_by    VARCHAR,
    promoted_by     VARCHAR,
    promoted_at     TIMESTAMPTZ,
    retired_at      TIMESTAMPTZ
);
