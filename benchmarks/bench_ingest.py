"""Ingest throughput: Warden with its defaults beside stock Presidio run two ways, on
two kinds of log, in one run.

Data: the synthetic generator (development data: redaction bugs are found on it, it is
no measure of redaction quality), first ``--events`` events of

- "templated": the generator's log (apps and rings repeat their prompts, so about a
  quarter of the texts are distinct);
- "distinct": the same log with ``distinct=True`` (about 90% of the texts distinct:
  what de-duplication and caches cannot help with).

Contestants, each over every free text of the events (message contents, input,
completion):

- Warden: ``warden ingest``'s engine with the default configuration (one redaction
  process per core), doing everything an ingest does (parse, validate, pseudonymize,
  vault, redact, derive, write DuckDB); beside it the same with
  ``redaction.multilingual = "off"`` (without Warden's multi-language name model), the
  two measured in the order default, off, off, default and averaged.
- stock strong: what a careful Presidio user runs. ``AnalyzerEngine`` with the same
  spaCy model (its default full pipeline), ``BatchAnalyzerEngine.analyze_iterator``
  (batch size 256) over the de-duplicated texts, ``AnonymizerEngine`` on each, spread
  over the same number of processes. Text only: no parsing, no store. Measured twice,
  the mean time taken (a single run moves by a fifth between runs). Beside it the
  same given Warden's matrix products (``redaction.matmul``: numpy's BLAS instead of
  thinc's BLIS, one thread a process), a switch of thinc's a careful user may not know.
- stock naive: one process, ``analyze`` + ``anonymize`` one text at a time, on the
  first ``--naive-events`` events.

Start-up is excluded on both sides: stock's workers load their engines before the
clock starts; Warden's figure is marginal, (time for N events - time for M events) /
(N - M), each a fresh ingest into a fresh home, so the model loads cancel out (the
figure with start-up is printed too).

    .venv/bin/python benchmarks/bench_ingest.py [--events 12000] [--processes N]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import resource
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _anchor import batched, stock_engines
from _homes import fresh_ingest
from _leaks import texts_of

from app.demo import generate
from redaction.matmul import one_blas_thread, use_numpy_matmul
from warden.config import RedactionConfig

_engines: tuple[Any, Any, Any] | None = None


def _init_worker(numpy: bool) -> None:
    global _engines
    _engines = stock_engines()
    if numpy:  # the anchor given Warden's matrix products too (redaction.matmul)
        one_blas_thread()
        for nlp in _engines[0].nlp_engine.nlp.values():
            use_numpy_matmul(nlp)
    _strong_chunk(["warm up with Ana Ruiz, ana@mail.es"])


def _strong_chunk(texts: list[str]) -> int:
    assert _engines is not None
    return sum(len(t) for t in batched(_engines, texts))


def _ready(_: int) -> int:
    time.sleep(1.0)  # long enough that every worker takes one and has initialised
    return os.getpid()


def stock_strong(texts: list[str], processes: int, numpy: bool = False) -> float:
    """Seconds for the careful configuration over ``texts`` (start-up excluded); with
    ``numpy``, its spaCy pipeline multiplying through numpy as Warden's does."""
    unique = list(dict.fromkeys(t for t in texts if t))
    with mp.get_context("fork").Pool(
        processes, initializer=_init_worker, initargs=(numpy,)
    ) as pool:
        assert len(set(pool.map(_ready, range(processes), chunksize=1))) == processes
        size = max(1, -(-len(unique) // (processes * 4)))
        chunks = [unique[i : i + size] for i in range(0, len(unique), size)]
        t0 = time.perf_counter()
        pool.map(_strong_chunk, chunks, chunksize=1)
        return time.perf_counter() - t0


def stock_naive(texts: list[str]) -> float:
    """Seconds for one text at a time on one process (start-up excluded)."""
    analyzer, _, anonymizer = stock_engines()
    anonymizer.anonymize("warm", analyzer.analyze("warm up Ana Ruiz", language="en"))
    t0 = time.perf_counter()
    for t in texts:
        anonymizer.anonymize(t, analyzer.analyze(t, language="en"))
    return time.perf_counter() - t0


def warden_ingest(
    log: Path, work: Path, name: str, overrides: dict[str, Any] | None = None
) -> float:
    """Seconds for a fresh ingest of ``log`` with the default configuration."""
    secs, totals = fresh_ingest(log, work / name, overrides)
    assert totals["stored"] == sum(1 for _ in log.open()), "not every event stored"
    return secs


def head(src: Path, dst: Path, n: int) -> list[dict[str, Any]]:
    recs = []
    with src.open(encoding="utf-8") as fh, dst.open("w", encoding="utf-8") as out:
        for line in fh:
            if len(recs) == n:
                break
            out.write(line)
            recs.append(json.loads(line))
    return recs


def run_kind(kind: str, log_dir: Path, work: Path, args: argparse.Namespace) -> dict[str, float]:
    full, small = work / f"{kind}.jsonl", work / f"{kind}-small.jsonl"
    recs = head(log_dir / "usage.jsonl", full, args.events)
    head(log_dir / "usage.jsonl", small, args.startup_events)
    texts = [t for r in recs for t in texts_of(r)]
    unique = len(set(texts))
    n, m = len(recs), args.startup_events
    # Warden with its defaults, and without the multi-language name model (what ingest
    # was before it), each measured twice in the order default, off, off, default so that
    # neither gains from going second
    off = {"redaction.multilingual": "off"}
    times: dict[str, list[tuple[float, float]]] = {"default": [], "off": []}
    for i, which in enumerate(("default", "off", "off", "default")):
        cfg = off if which == "off" else None
        t_f = warden_ingest(full, work, f"{kind}-home-{i}", cfg)
        t_s = warden_ingest(small, work, f"{kind}-home-small-{i}", cfg)
        times[which].append((t_f, t_s))
    t_full = sum(f for f, _ in times["default"]) / 2
    t_small = sum(s_ for _, s_ in times["default"]) / 2
    warden = (n - m) / (t_full - t_small)
    t_full_off = sum(f for f, _ in times["off"]) / 2
    t_small_off = sum(s_ for _, s_ in times["off"]) / 2
    warden_off = (n - m) / (t_full_off - t_small_off)
    # each anchor twice, in the order plain, numpy, numpy, plain (its figure moves by a
    # fifth between runs): the mean time of the two
    t_plain, t_numpy = [], []
    for numpy in (False, True, True, False):
        (t_numpy if numpy else t_plain).append(stock_strong(texts, args.processes, numpy))
    strong = n / (sum(t_plain) / 2)
    strong_numpy = n / (sum(t_numpy) / 2)
    naive_recs = recs[: args.naive_events]
    naive = len(naive_recs) / stock_naive([t for r in naive_recs for t in texts_of(r)])
    print(f"\n{kind}: {n:,} events, {len(texts):,} texts, {unique / len(texts):.0%} distinct")
    print(f"  warden ingest, defaults ({args.processes} processes): {warden:8,.0f} events/s")
    print(f"      with start-up ({t_full:.1f}s for all):         {n / t_full:8,.0f} events/s")
    print(f"  warden ingest, multilingual = off (as before):  {warden_off:8,.0f} events/s")
    print(
        f"  stock strong ({args.processes} processes, batched, de-duplicated): {strong:8,.0f} events/s"
    )
    print(f"  stock strong, with Warden's numpy matrix products: {strong_numpy:8,.0f} events/s")
    print(
        f"  stock naive (1 process, one text at a time, {len(naive_recs):,} events): {naive:8,.0f} events/s"
    )
    print(
        f"  ratio: {warden / strong:.1f}x the strong anchor ({warden / strong_numpy:.1f}x it "
        f"with numpy's products), {warden / naive:.1f}x the naive one"
    )
    return {"warden": warden, "strong": strong, "strong_numpy": strong_numpy, "naive": naive}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=12_000)
    ap.add_argument("--startup-events", type=int, default=1_000)
    ap.add_argument("--naive-events", type=int, default=1_500)
    ap.add_argument("--processes", type=int, default=RedactionConfig().workers())
    args = ap.parse_args()
    if args.processes != RedactionConfig().workers():
        print("note: Warden runs with its default process count; --processes sets the anchor's")
    work = Path(tempfile.mkdtemp(prefix="warden-ingest-"))
    print(
        "data: synthetic generator (development data), seed 7; "
        f"{args.processes} processes for Warden (its default: one per core) and stock strong"
    )
    accounts = max(60, args.events // 120)
    makers: dict[str, Callable[[Path], Any]] = {
        "templated": lambda d: generate(d, accounts=accounts, seed=7),
        "distinct": lambda d: generate(d, accounts=accounts, seed=7, distinct=True),
    }
    for kind, make in makers.items():
        make(work / f"log-{kind}")
        run_kind(kind, work / f"log-{kind}", work, args)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"\npeak RSS: this process {rss:,.0f} MB, largest child process {child:,.0f} MB")


if __name__ == "__main__":
    main()
