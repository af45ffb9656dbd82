"""End-to-end ingest throughput and peak memory, Warden beside stock Presidio, one run.

Generates the synthetic log (default 100k events), ingests it into a fresh home with
Warden (every stage: parse, validate, pseudonymize, vault, redact, derive, write),
and runs stock Presidio (AnalyzerEngine + AnonymizerEngine, one text at a time) over
the free text of a sample of the same events. Prints events/s of both, the ratio, and
peak memory (resident set size) of the ingest: the main process and its largest worker.

    .venv/bin/python benchmarks/bench_ingest.py [--accounts 800] [--processes 2]
    .venv/bin/python benchmarks/bench_ingest.py --accounts 8000   # about 1M events
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _leaks import synth_events, texts_of
from bench_redaction import stock_presidio

from investigate.synth import generate
from redaction.ingest import Ingestor
from redaction.keyring import Keyring, Unlock
from warden.config import load_config
from warden.store import Store


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--accounts", type=int, default=800)
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--stock-sample", type=int, default=1000)
    ap.add_argument("--log", type=Path, default=None, help="use this log dir instead of generating")
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="warden-ingest-"))
    log_dir = args.log or work / "log"
    if args.log is None:
        t0 = time.perf_counter()
        s = generate(log_dir, accounts=args.accounts, seed=7)
        print(f"generated {s.events:,} events in {time.perf_counter() - t0:.1f}s")
    log = log_dir / "usage.jsonl"
    size_mb = log.stat().st_size / 1e6

    home = work / "home"
    home.mkdir()
    ring = Keyring.create(home, Unlock(passphrase="bench"))
    cfg = load_config(home, overrides={"redaction.processes": args.processes})
    store = Store(cfg.db_path)
    store.migrate()
    t0 = time.perf_counter()
    summary = Ingestor(store, ring, cfg).ingest([log])
    secs = time.perf_counter() - t0
    t = summary.totals()
    main_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    sample = []
    for rec, _ in synth_events(log_dir, limit=args.stock_sample):
        sample.append(texts_of(rec))
    stock = stock_presidio()
    t1 = time.perf_counter()
    for texts in sample:
        stock(texts)
    stock_secs = time.perf_counter() - t1
    stock_eps = len(sample) / stock_secs
    eps = t["records"] / secs

    print(
        f"log: {t['records']:,} events, {size_mb:.0f} MB; stored {t['stored']:,}, "
        f"quarantined {t['quarantined']:,}"
    )
    print(
        f"warden ingest ({args.processes} redaction processes): {secs:.1f}s = {eps:,.0f} events/s "
        "(start-up included)"
    )
    print(
        f"stock presidio on {len(sample):,} of the same events (their text only): "
        f"{stock_eps:,.1f} events/s"
    )
    print(f"ratio: {eps / stock_eps:.1f}x")
    print(
        f"peak RSS: main process {main_mb:,.0f} MB, largest redaction worker {child_mb:,.0f} MB, "
        f"together at most {main_mb + args.processes * child_mb:,.0f} MB"
    )


if __name__ == "__main__":
    main()
