"""Spark engine (local[2]) beside the local engine on this machine, one run: events/s of
each on the same log, and per-core figures for the sizing notes in docs/spark.md.

    .venv/bin/python benchmarks/bench_spark.py [--accounts 60]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from app.demo import generate
from redaction.ingest import Ingestor
from redaction.spark_engine import ingest_spark
from warden.config import load_config
from warden.keys.keyring import Keyring, Unlock
from warden.store import Store


def _home(path: Path) -> tuple[Keyring, Store]:
    path.mkdir(parents=True)
    ring = Keyring.create(path, Unlock(passphrase="bench"))
    store = Store(path / "warden.duckdb")
    store.migrate()
    return ring, store


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--accounts", type=int, default=60)
    args = ap.parse_args()
    os.environ["WARDEN_PASSPHRASE"] = "bench"
    work = Path(tempfile.mkdtemp(prefix="warden-spark-"))
    s = generate(work / "log", accounts=args.accounts, seed=9)
    log = work / "log" / "usage.jsonl"

    ring, store = _home(work / "local")
    cfg = load_config(work / "local", overrides={"redaction.processes": 2})
    t0 = time.perf_counter()
    Ingestor(store, ring, cfg).ingest([log])
    local = time.perf_counter() - t0

    ring2, store2 = _home(work / "spark")
    cfg2 = load_config(work / "spark")
    t0 = time.perf_counter()
    ingest_spark(store2, ring2, cfg2, [log], master="local[2]")
    spark = time.perf_counter() - t0
    print(f"log: {s.events:,} events")
    print(
        f"local engine, 2 redaction processes: {local:.1f}s = {s.events / local:,.0f} events/s "
        f"({s.events / local / 2:,.0f} per core)"
    )
    print(
        f"spark engine, local[2]: {spark:.1f}s = {s.events / spark:,.0f} events/s "
        f"({s.events / spark / 2:,.0f} per core; start-up of the JVM and of one analyzer "
        "per executor included)"
    )


if __name__ == "__main__":
    main()
