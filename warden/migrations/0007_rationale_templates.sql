-- statements of reasons per policy: templates a lead keeps for analysts to start from
CREATE TABLE rationale_templates (
    policy      VARCHAR PRIMARY KEY,
    text        VARCHAR NOT NULL,
    updated_by  VARCHAR NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
