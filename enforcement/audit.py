"""The audit log: one function writes it, every entry is hash-chained.

Each entry's ``hash`` is the RFC 6962 leaf hash ``SHA-256(0x00 || entry)`` of its
canonical encoding, which includes the previous entry's hash: the same value chains
the log and is the leaf of the Merkle tree over it (:mod:`enforcement.merkle`).

Personal data and free text never enter the hashed record. They go into
``audit_private`` with a random salt, and the entry commits to them with
``private_commit = SHA-256(salt || canonical(private))``: erasing a subject clears
the private row and leaves the chain intact.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import duckdb

GENESIS = "0" * 64


@dataclass(frozen=True)
class AuditEvent:
    """One thing to record: who did what to which subject, with details."""

    actor: str
    action: str
    subject: str | None = None
    details: dict[str, Any] = field(default_factory=dict)
    private: dict[str, Any] | None = None


def canonical(obj: Any) -> bytes:
    """Canonical JSON: sorted keys, no spaces, UTF-8."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def entry_bytes(
    seq: int,
    ts: str,
    actor: str,
    action: str,
    subject: str | None,
    details: str,
    private_commit: str | None,
    prev_hash: str,
) -> bytes:
    """The canonical encoding of an entry, which its hash covers."""
    return canonical(
        {
            "seq": seq,
            "ts": ts,
            "actor": actor,
            "action": action,
            "subject": subject,
            "details": details,
            "private_commit": private_commit,
            "prev": prev_hash,
        }
    )


def leaf_hash(data: bytes) -> str:
    """RFC 6962 leaf hash, hex."""
    return hashlib.sha256(b"\x00" + data).hexdigest()


def record(con: duckdb.DuckDBPyConnection, event: AuditEvent, now: datetime | None = None) -> int:
    """Append ``event`` inside the caller's write transaction; returns its sequence number.

    The only way anything writes the audit log.
    """
    ts = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    last = con.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = (int(last[0]) + 1, str(last[1])) if last else (0, GENESIS)
    details = canonical(event.details).decode()
    commit = None
    if event.private is not None:
        salt = secrets.token_bytes(16)
        priv = canonical(event.private)
        commit = hashlib.sha256(salt + priv).hexdigest()
        con.execute(
            "INSERT INTO audit_private (seq, salt, private) VALUES (?, ?, ?)",
            [seq, salt, priv.decode()],
        )
    h = leaf_hash(
        entry_bytes(seq, ts, event.actor, event.action, event.subject, details, commit, prev)
    )
    con.execute(
        "INSERT INTO audit_log (seq, ts, actor, action, subject, details, private_commit, "
        "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [seq, ts, event.actor, event.action, event.subject, details, commit, prev, h],
    )
    return seq
