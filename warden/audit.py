"""The audit log: one function writes it, every entry is hash-chained.

Each entry's ``hash`` is the RFC 6962 leaf hash ``SHA-256(0x00 || entry)`` of its
canonical encoding, which includes the previous entry's hash: the same value chains
the log and is the leaf of the Merkle tree over it (:mod:`warden.merkle`). After each audited write a
checkpoint (C2SP tlog-checkpoint: origin, size, root, Ed25519 signature) is appended
to ``<home>/audit/checkpoints.jsonl``, outside the database: copy that file somewhere
the database administrator cannot edit (see docs/audit.md).

Personal data and free text never enter the hashed record. They go into
``audit_private`` with a random salt, and the entry commits to them with
``private_commit = SHA-256(salt || canonical(private))``: erasing a subject clears
the private row and leaves the chain intact.
"""

from __future__ import annotations

import base64
import fcntl
import hashlib
import json
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from warden.errors import AuditError
from warden.merkle import (
    EMPTY_ROOT,
    ProofError,
    consistency_proof,
    inclusion_proof,
    node_hash,
    open_checkpoint,
    sign_checkpoint,
)
from warden.store import Store

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


# -- checkpoints, verification, proofs ---------------------------------------------

AUDIT_DIR = "audit"
CHECKPOINTS = "checkpoints.jsonl"
PUBLIC_KEY = "public_key.txt"


def forget_private(con: duckdb.DuckDBPyConnection, subject: str) -> None:
    """Clear the private part (and its salt) of every entry about ``subject`` (erasure).
    The chain still verifies: it commits to the private part, it does not hold it."""
    con.execute(
        "UPDATE audit_private SET salt = NULL, private = NULL WHERE seq IN "
        "(SELECT seq FROM audit_log WHERE subject = ?)",
        [subject],
    )


@dataclass(frozen=True)
class AuditKeys:
    """The Ed25519 key that signs checkpoints (its seed lives in the keyring)."""

    seed: bytes

    @property
    def public_key(self) -> bytes:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
        from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

        return (
            Ed25519PrivateKey.from_private_bytes(self.seed)
            .public_key()
            .public_bytes(Encoding.Raw, PublicFormat.Raw)
        )

    @property
    def name(self) -> str:
        return log_name(self.public_key)

    def __repr__(self) -> str:
        return "AuditKeys(***)"


def log_name(public_key: bytes) -> str:
    """The log's origin and key name: derived from its public key, so it needs no state."""
    return f"warden.audit/{hashlib.sha256(public_key).hexdigest()[:16]}"


class Frontier:
    """The roots of the perfect subtrees of a Merkle tree, largest first: enough to add
    leaves and compute the root in O(log n), without reading old entries."""

    def __init__(self, size: int = 0, hashes: list[bytes] | None = None) -> None:
        self.size = size
        self.hashes = hashes or []

    def add(self, leaf: bytes) -> None:

        self.hashes.append(leaf)
        self.size += 1
        n = self.size
        while n % 2 == 0:  # merge equal-size subtrees
            right = self.hashes.pop()
            left = self.hashes.pop()
            self.hashes.append(node_hash(left, right))
            n //= 2

    def root(self) -> bytes:

        if not self.hashes:
            return EMPTY_ROOT
        r = self.hashes[-1]
        for h in reversed(self.hashes[:-1]):
            r = node_hash(h, r)
        return r


def _audit_dir(home: Path) -> Path:
    d = home / AUDIT_DIR
    d.mkdir(parents=True, exist_ok=True)
    return d


def read_checkpoints(path: Path) -> list[dict[str, Any]]:
    """Every checkpoint line of a checkpoint file (oldest first)."""
    if not path.exists():
        return []
    out = []
    lines = path.read_text(encoding="utf-8").split("\n")
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        try:
            out.append(json.loads(line))
        except ValueError:
            if i == len(lines) - 1:
                break  # a write cut short by a crash: the line was never finished
            raise AuditError(
                f"{path} has a line that is not JSON; restore it from your off-site copy"
            ) from None
    return out


def _last_checkpoint(path: Path) -> dict[str, Any] | None:
    """The last complete checkpoint line, read from the end of the file (appends stay
    O(log n) however long the file grows). A line a crash cut short was never a
    checkpoint: it is cut off the file."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    with path.open("r+b") as fh:
        size = fh.seek(0, os.SEEK_END)
        tail = b""
        step = 1 << 16
        while True:
            start = max(0, size - len(tail) - step)
            fh.seek(start)
            tail = fh.read(size - start)
            if start == 0 or tail.count(b"\n") >= 2:
                break
        if not tail.endswith(b"\n"):
            cut = tail.rfind(b"\n")
            fh.truncate(start + cut + 1 if cut >= 0 else 0)
            tail = tail[: cut + 1] if cut >= 0 else b""
    lines = [ln for ln in tail.split(b"\n") if ln.strip()]
    if not lines:
        return None
    try:
        last: dict[str, Any] = json.loads(lines[-1])
    except ValueError:
        raise AuditError(
            f"{path} ends with a line that is not JSON; restore it from your off-site copy"
        ) from None
    return last


def write_checkpoint(store: Store, home: Path, keys: AuditKeys) -> dict[str, Any] | None:
    """Sign the current head and append it to ``home/audit/checkpoints.jsonl``.

    Continues from the last checkpoint's frontier, so only new entries are read.
    """
    with store.read() as con:
        return checkpoint_from(con, home, keys)


def checkpoint_from(
    con: duckdb.DuckDBPyConnection, home: Path, keys: AuditKeys
) -> dict[str, Any] | None:
    """:func:`write_checkpoint` on an open connection. Every writer of checkpoints holds a
    connection to the store before it takes the checkpoint file's lock, never the other
    way round (two processes taking them in different orders would wait on each other)."""
    d = _audit_dir(home)
    # One writer at a time across processes, so that sizes in the file only grow.
    with (d / ".checkpoint.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            return _write_checkpoint_locked(con, d, keys)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _write_checkpoint_locked(
    con: duckdb.DuckDBPyConnection, d: Path, keys: AuditKeys
) -> dict[str, Any] | None:

    path = d / CHECKPOINTS
    last = _last_checkpoint(path)
    frontier = (
        Frontier(last["size"], [base64.b64decode(h) for h in last["frontier"]])
        if last
        else Frontier()
    )
    rows = con.execute(
        "SELECT seq, hash FROM audit_log WHERE seq >= ? ORDER BY seq", [frontier.size]
    ).fetchall()
    if not rows and last:
        return None
    for seq, h in rows:
        if seq != frontier.size:
            raise AuditError(f"audit entry {frontier.size} is missing; run `warden audit verify`")
        frontier.add(bytes.fromhex(h))
    note = sign_checkpoint(keys.name, frontier.size, frontier.root(), keys.name, keys.seed)
    cp = {
        "size": frontier.size,
        "note": note,
        "frontier": [base64.b64encode(h).decode() for h in frontier.hashes],
        "signed_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    with path.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(cp) + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    pub = d / PUBLIC_KEY
    if not pub.exists():
        pub.write_text(base64.b64encode(keys.public_key).decode() + "\n")
    return cp


@contextmanager
def audited(
    store: Store, home: Path, keys: AuditKeys | None
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A write transaction whose audit entries are checkpointed right after commit, on
    the same connection (opening one costs tens of milliseconds)."""
    with store.write(
        after_commit=None if keys is None else lambda con: checkpoint_from(con, home, keys)
    ) as con:
        yield con


@dataclass
class Verification:
    """Result of :func:`verify`."""

    ok: bool
    entries: int
    checkpoint_size: int
    message: str
    first_bad: int | None = None


def verify(
    store: Store, home: Path, public_key: bytes | None = None, checkpoint_file: Path | None = None
) -> Verification:
    """Recompute the chain and the Merkle root; compare with the last signed checkpoint."""

    d = home / AUDIT_DIR
    if public_key is None:
        try:
            public_key = base64.b64decode((d / PUBLIC_KEY).read_text().strip())
        except (OSError, ValueError):
            with store.read() as con:
                row = con.execute("SELECT count(*) FROM audit_log").fetchone()
            if (
                row is not None
                and row[0] == 0
                and not (checkpoint_file or d / CHECKPOINTS).exists()
            ):
                # A new home: the key is published with the first entry.
                return Verification(True, 0, 0, "OK: 0 entries; nothing has been audited yet")
            return Verification(
                False,
                0,
                0,
                f"no audit public key at {d / PUBLIC_KEY}; pass "
                "--public-key with the key you published",
            )
    cps = read_checkpoints(checkpoint_file or d / CHECKPOINTS)
    frontier = Frontier()
    prev = GENESIS
    n = 0
    cp_size = 0
    want_root = None
    if cps:
        try:
            _, cp_size, want_root = open_checkpoint(
                cps[-1]["note"], log_name(public_key), public_key
            )
        except (ProofError, KeyError) as exc:
            return Verification(False, 0, 0, f"the last checkpoint does not verify: {exc}")
    with store.read() as con:
        cur = con.execute(
            "SELECT a.seq, a.ts, a.actor, a.action, a.subject, a.details, a.private_commit, "
            "a.prev_hash, a.hash, p.salt, p.private FROM audit_log a "
            "LEFT JOIN audit_private p USING (seq) ORDER BY a.seq"
        )
        while rows := cur.fetchmany(10_000):
            for seq, ts, actor, action, subject, details, commit, prev_hash, h, salt, priv in rows:
                if seq != n:
                    what = "missing (deleted, or rows reordered)" if seq > n else "duplicated"
                    return Verification(False, n, cp_size, f"entry {n} is {what}", n)
                if prev_hash != prev:
                    return Verification(
                        False,
                        n,
                        cp_size,
                        f"entry {seq} does not chain to entry {seq - 1} "
                        "(an entry was inserted, deleted or reordered)",
                        seq,
                    )
                want = leaf_hash(
                    entry_bytes(seq, ts, actor, action, subject, details, commit, prev_hash)
                )
                if want != h:
                    return Verification(False, n, cp_size, f"entry {seq} was edited", seq)
                if (
                    commit is not None
                    and priv is not None
                    and salt is not None
                    and hashlib.sha256(bytes(salt) + priv.encode()).hexdigest() != commit
                ):
                    return Verification(
                        False, n, cp_size, f"the private part of entry {seq} was edited", seq
                    )
                frontier.add(bytes.fromhex(h))
                prev = h
                n += 1
                if n == cp_size and frontier.root() != want_root:
                    return Verification(
                        False,
                        n,
                        cp_size,
                        f"entries 0..{n - 1} do not match the signed checkpoint "
                        "(edited and re-chained)",
                        None,
                    )
    if n < cp_size:
        return Verification(
            False,
            n,
            cp_size,
            f"the log has {n} entries but the signed checkpoint covers {cp_size}: "
            "entries were deleted or the table truncated",
            n,
        )
    if n > cp_size:
        return Verification(
            False,
            n,
            cp_size,
            f"entries {cp_size}..{n - 1} are not covered by a signed checkpoint: "
            "added behind Warden's back, or a write crashed before signing. If "
            "you know it was a crash, run `warden audit checkpoint`.",
            cp_size,
        )
    return Verification(
        True,
        n,
        cp_size,
        f"OK: {n} entries, chain intact, matches the signed checkpoint of size {cp_size}",
    )


def _leaves(store: Store, size: int) -> list[bytes]:
    with store.read() as con:
        rows = con.execute("SELECT hash FROM audit_log WHERE seq < ? ORDER BY seq", [size])
        return [bytes.fromhex(r[0]) for r in rows.fetchall()]


def prove_inclusion(store: Store, home: Path, seq: int) -> dict[str, Any]:
    """An inclusion proof of entry ``seq`` in the last signed checkpoint, for
    ``warden/merkle.py inclusion`` (the standalone verifier)."""

    cps = read_checkpoints(home / AUDIT_DIR / CHECKPOINTS)
    if not cps:
        raise AuditError("no signed checkpoint yet; nothing to prove against")
    cp = cps[-1]
    size = int(cp["size"])
    if not 0 <= seq < size:
        raise AuditError(f"entry {seq} is not covered by the last checkpoint (size {size})")
    leaves = _leaves(store, size)
    pub = (home / AUDIT_DIR / PUBLIC_KEY).read_text().strip()
    return {
        "leaf_index": seq,
        "tree_size": size,
        "leaf_hash": base64.b64encode(leaves[seq]).decode(),
        "proof": [base64.b64encode(p).decode() for p in inclusion_proof(leaves, seq)],
        "checkpoint": cp["note"],
        "key_name": log_name(base64.b64decode(pub)),
        "public_key": pub,
    }


def prove_consistency(store: Store, home: Path, old_size: int) -> dict[str, Any]:
    """A consistency proof from the checkpoint of ``old_size`` to the last one."""

    cps = read_checkpoints(home / AUDIT_DIR / CHECKPOINTS)
    old = next((c for c in cps if int(c["size"]) == old_size), None)
    if old is None or not cps:
        raise AuditError(f"no checkpoint of size {old_size} in the checkpoint file")
    new = cps[-1]
    leaves = _leaves(store, int(new["size"]))
    pub = (home / AUDIT_DIR / PUBLIC_KEY).read_text().strip()
    return {
        "checkpoint1": old["note"],
        "checkpoint2": new["note"],
        "proof": [base64.b64encode(p).decode() for p in consistency_proof(leaves, old_size)],
        "key_name": log_name(base64.b64decode(pub)),
        "public_key": pub,
    }


@dataclass(frozen=True)
class AuditEntry:
    """One entry of the audit log (its public part)."""

    seq: int
    ts: str
    actor: str
    action: str
    subject: str | None
    details: str


def entries(
    store: Store,
    *,
    actions: list[str] | None = None,
    actors: list[str] | None = None,
    limit: int = 1000,
) -> list[AuditEntry]:
    """The latest entries, newest first, optionally of some actions and actors."""
    where, args = ["true"], []
    if actions:
        where.append("action IN (SELECT unnest(?::VARCHAR[]))")
        args.append(actions)
    if actors:
        where.append("actor IN (SELECT unnest(?::VARCHAR[]))")
        args.append(actors)
    with store.read() as con:
        rows = con.execute(
            "SELECT seq, ts, actor, action, subject, details FROM audit_log "
            f"WHERE {' AND '.join(where)} ORDER BY seq DESC LIMIT ?",
            [*args, limit],
        ).fetchall()
    return [AuditEntry(*r) for r in rows]


def facets(store: Store) -> tuple[list[str], list[str]]:
    """The distinct actions and actors in the log (for filters)."""
    with store.read() as con:
        actions = [
            r[0] for r in con.execute("SELECT DISTINCT action FROM audit_log ORDER BY 1").fetchall()
        ]
        actors = [
            r[0] for r in con.execute("SELECT DISTINCT actor FROM audit_log ORDER BY 1").fetchall()
        ]
    return actions, actors


def size(store: Store) -> int:
    """How many entries the log holds."""
    with store.read() as con:
        row = con.execute("SELECT count(*) FROM audit_log").fetchone()
    return int(row[0]) if row else 0
