"""Full sweep vs incremental sweep after 10% new events, in one run.

Full: a fresh home sweeps an inbox holding the whole log. Incremental: a home that has
already swept the first 90% sweeps again after the last 10% arrives.

    .venv/bin/python benchmarks/bench_sweep.py [--accounts 300]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from app.demo import generate
from app.sweep import sweep
from warden.config import load_config
from warden.keys.keyring import Keyring, Unlock
from warden.store import Store


def _home(path: Path) -> Keyring:
    path.mkdir(parents=True)
    ring = Keyring.create(path, Unlock(passphrase="bench"))
    Store(path / "warden.duckdb").migrate()
    return ring


def _drop(inbox: Path, name: str, lines: list[bytes]) -> None:
    inbox.mkdir(exist_ok=True)
    f = inbox / name
    f.write_bytes(b"\n".join(lines) + b"\n")
    old = time.time() - 3600
    os.utime(f, (old, old))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--accounts", type=int, default=300)
    ap.add_argument("--processes", type=int, default=2)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="warden-sweep-"))
    generate(work / "log", accounts=args.accounts, seed=5)
    lines = (work / "log" / "usage.jsonl").read_bytes().splitlines()
    cut = int(len(lines) * 0.9)
    over = {"redaction.processes": args.processes}

    full_home = work / "full"
    ring = _home(full_home)
    _drop(work / "inbox_full", "all.jsonl", lines)
    t0 = time.perf_counter()
    r = sweep(load_config(full_home, overrides=over), ring, inbox=work / "inbox_full")
    full = time.perf_counter() - t0

    inc_home = work / "inc"
    ring2 = _home(inc_home)
    inbox = work / "inbox_inc"
    _drop(inbox, "day1.jsonl", lines[:cut])
    sweep(load_config(inc_home, overrides=over), ring2, inbox=inbox)
    _drop(inbox, "day2.jsonl", lines[cut:])
    t0 = time.perf_counter()
    r2 = sweep(load_config(inc_home, overrides=over), ring2, inbox=inbox)
    inc = time.perf_counter() - t0
    print(f"log: {len(lines):,} events from {args.accounts} accounts")
    print(f"full sweep ({len(lines):,} events): {full:.1f}s, {r.cases_opened} cases opened")
    print(
        f"incremental sweep (+{len(lines) - cut:,} events, 10%): {inc:.1f}s, "
        f"{r2.cases_opened} opened / {r2.cases_updated} updated"
    )
    print(f"incremental / full = {inc / full:.0%} (target under 30%)")


if __name__ == "__main__":
    main()
