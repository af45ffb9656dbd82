"""Redaction quality, Warden beside stock Presidio, in one run. (Speed: bench_ingest.py.)

Every data set is named with what it is to us:

- the generator's labelled logs: DEVELOPMENT data (our own generator; bugs are found
  on it, it is no measure of quality);
- presidio-research synth_dataset_v2 (../shared/data/): DEVELOPMENT data, the PERSON
  rules were written from its sentences;
- the human-labelled NER sets in 16 languages (../shared/data/ner/): development sets;
  no rule or model was built from them as of this benchmark.

A value counts as left when any part of it survives (redaction.leakcheck: any word of
a name, any five digits of a number). Ordinary words = tokens outside every labelled
entity, kept when still in the output.

Stock Presidio = AnalyzerEngine (default recognizers, the same spaCy model) +
AnonymizerEngine, through BatchAnalyzerEngine (the careful configuration), on a sample
of each set. Sets in ../shared are skipped with a message when absent.

    .venv/bin/python benchmarks/bench_redaction.py [--accounts 100] [--stock-sample 1500]
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from _anchor import batched, stock_engines
from _leaks import (
    SHARED,
    SYNTH_SET,
    TARGET_TYPES,
    load_synth_set,
    score_synth,
    score_synth_set,
    synth_events,
)

from app.demo import generate
from redaction.leakcheck import leaked
from redaction.parallel import ParallelRedactor
from warden.config import RedactionConfig


def stock_presidio() -> Callable[[list[str]], list[str]]:
    """Stock Presidio in its careful configuration (see _anchor.batched)."""
    engines = stock_engines()
    return lambda texts: batched(engines, texts)


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:5.1f}%" if b else "  n/a"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--accounts", type=int, default=100)
    ap.add_argument("--stock-sample", type=int, default=1500, help="events run through stock")
    ap.add_argument("--processes", type=int, default=0, help="0: one per core")
    ap.add_argument("--ner-sample", type=int, default=400, help="sentences per NER set")
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
    items = load_synth_set() if SYNTH_SET.exists() else None
    with ParallelRedactor(cfg) as ours:

        def run_ours(ts: list[str]) -> list[str]:
            return [r.text for r in ours.redact_many(ts)]

        full = score_synth(pairs, run_ours)
        sample = pairs[: args.stock_sample]
        st = score_synth(sample, stock)
        ours_set = score_synth_set(items, run_ours) if items else None
        stock_set = score_synth_set(items, stock) if items else None
        ner = ner_sets(run_ours, stock, args.ner_sample)

    print("\n== generator's logs (DEVELOPMENT data): planted values left, whole or in part")
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

    if ours_set is None or stock_set is None:
        print(f"\n== synth_dataset_v2: skipped, {SYNTH_SET} not found")
    else:
        print(
            "\n== presidio-research synth_dataset_v2 (DEVELOPMENT data: the PERSON rules "
            "were written from it): spans left, whole or in part"
        )
        print(f"{'type':16s} {'spans':>6s} {'warden':>8s} {'stock':>8s}")
        a = b = n = 0
        for k in sorted(ours_set["spans"]):
            s_ = ours_set["spans"][k]
            mark = " *" if k in TARGET_TYPES else ""
            print(
                f"{k:16s} {s_:6d} {pct(ours_set['leaks'][k], s_):>8s} "
                f"{pct(stock_set['leaks'][k], s_):>8s}{mark}"
            )
            if k in TARGET_TYPES:
                n += s_
                a += ours_set["leaks"][k]
                b += stock_set["leaks"][k]
        print(f"{'* together':16s} {n:6d} {pct(a, n):>8s} {pct(b, n):>8s}")

    if not ner:
        print(f"\n== NER development sets: skipped, {NER_DIR} not found")
        return
    print(
        f"\n== human-labelled NER development sets, first {args.ner_sample} sentences each: "
        "PERSON spans left (whole or in part) and ordinary words kept"
    )
    print(
        f"{'set':16s} {'PERSON':>7s} {'warden':>8s} {'stock':>8s}   {'kept: warden':>12s} {'stock':>7s}"
    )
    for name, r in ner.items():
        print(
            f"{name:16s} {r['spans']:7d} {pct(r['ours'], r['spans']):>8s} "
            f"{pct(r['stock'], r['spans']):>8s}   {pct(r['ours_kept'], r['words']):>12s} "
            f"{pct(r['stock_kept'], r['words']):>7s}"
        )


NER_DIR = SHARED / "data" / "ner"


def ner_sets(
    ours: Callable[[list[str]], list[str]], stock: Callable[[list[str]], list[str]], n: int
) -> dict[str, dict[str, int]]:
    """PERSON leaks and ordinary words kept per NER development set."""
    out: dict[str, dict[str, int]] = {}
    for f in sorted(NER_DIR.glob("*.jsonl")) if NER_DIR.is_dir() else []:
        items = [json.loads(x) for x in f.read_text(encoding="utf-8").splitlines()[:n]]
        texts = [it["text"] for it in items]
        r = {"spans": 0, "ours": 0, "stock": 0, "words": 0, "ours_kept": 0, "stock_kept": 0}
        for it, a, b in zip(items, ours(texts), stock(texts), strict=True):
            inside = [(sp["start"], sp["end"]) for sp in it["spans"]]
            for sp in it["spans"]:
                if sp["label"] == "PERSON":
                    value = it["text"][sp["start"] : sp["end"]]
                    r["spans"] += 1
                    r["ours"] += leaked("PERSON", value, a)
                    r["stock"] += leaked("PERSON", value, b)
            for m in re.finditer(r"\w{3,}", it["text"]):
                if not any(s <= m.start() < e for s, e in inside):
                    r["words"] += 1
                    r["ours_kept"] += m.group(0) in a
                    r["stock_kept"] += m.group(0) in b
        out[f.stem] = r
    return out


if __name__ == "__main__":
    main()
