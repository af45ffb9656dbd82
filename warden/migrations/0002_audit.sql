-- audit log
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
