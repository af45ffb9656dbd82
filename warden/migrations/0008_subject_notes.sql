-- internal notes on an account or group: for analysts only, never exported
CREATE TABLE subject_notes (
    note_id     VARCHAR PRIMARY KEY,
    subject     VARCHAR NOT NULL,          -- account pseudonym or group id
    author      VARCHAR NOT NULL,
    text        VARCHAR NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);
