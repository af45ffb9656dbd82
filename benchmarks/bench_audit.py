"""Audit log speed: appends per second (each its own transaction plus a signed
checkpoint, and in batches), and `verify` time over 1M entries.

    .venv/bin/python benchmarks/bench_audit.py [--entries 1000000] [--appends 500]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import pyarrow as pa

from warden.audit import (
    GENESIS,
    AuditEvent,
    AuditKeys,
    audited,
    canonical,
    entry_bytes,
    leaf_hash,
    record,
    verify,
    write_checkpoint,
)
from warden.keys.keyring import Keyring, Unlock
from warden.store import Store


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--entries", type=int, default=1_000_000)
    ap.add_argument("--appends", type=int, default=500)
    args = ap.parse_args()
    home = Path(tempfile.mkdtemp(prefix="warden-audit-"))
    ring = Keyring.create(home, Unlock(passphrase="bench"))
    keys = AuditKeys(ring.audit_signing_key)
    store = Store(home / "warden.duckdb")
    store.migrate()

    t0 = time.perf_counter()
    for i in range(args.appends):
        with audited(store, home, keys) as con:
            record(con, AuditEvent("bench", "case.claimed", f"C{i:06d}", {"i": i}))
    single = args.appends / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    n_batch = 20 * args.appends
    for b in range(20):
        with audited(store, home, keys) as con:
            for i in range(args.appends):
                record(con, AuditEvent("bench", "case.evidence_added", f"C{i:06d}", {"b": b}))
    batched = n_batch / (time.perf_counter() - t0)
    print(f"appends, one transaction + signed checkpoint each: {single:,.0f}/s")
    print(f"appends, {args.appends} per transaction + one checkpoint: {batched:,.0f}/s")

    # A log of --entries entries, built directly (same hashing as record()).
    home2 = Path(tempfile.mkdtemp(prefix="warden-audit-1m-"))
    store2 = Store(home2 / "warden.duckdb")
    store2.migrate()
    t0 = time.perf_counter()
    cols: dict[str, list[object]] = {
        k: []
        for k in (
            "seq",
            "ts",
            "actor",
            "action",
            "subject",
            "details",
            "private_commit",
            "prev_hash",
            "hash",
        )
    }
    prev = GENESIS
    for i in range(args.entries):
        ts = f"2026-11-01T00:{(i // 60) % 60:02d}:{i % 60:02d}.000000Z"
        details = canonical({"i": i}).decode()
        h = leaf_hash(
            entry_bytes(i, ts, "bench", "case.claimed", f"C{i % 9999:06d}", details, None, prev)
        )
        for k, v in zip(
            cols,
            (i, ts, "bench", "case.claimed", f"C{i % 9999:06d}", details, None, prev, h),
            strict=True,
        ):
            cols[k].append(v)
        prev = h
    with store2.write() as con:
        con.register("t", pa.table(cols))
        con.execute("INSERT INTO audit_log SELECT * FROM t")
    build = time.perf_counter() - t0
    t0 = time.perf_counter()
    write_checkpoint(store2, home2, keys)
    cp = time.perf_counter() - t0
    t0 = time.perf_counter()
    result = verify(store2, home2)
    secs = time.perf_counter() - t0
    print(f"built {args.entries:,} entries in {build:.1f}s; first checkpoint over them {cp:.1f}s")
    print(
        f"verify {args.entries:,} entries: {secs:.1f}s ({args.entries / secs:,.0f} entries/s) "
        f"-> {result.message}"
    )


if __name__ == "__main__":
    main()
