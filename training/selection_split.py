"""Compare name models on a selection split that no benchmark row measures.

    .venv/bin/python training/selection_split.py [--xx DIR] [--scripts DIR] [--seed-model DIR]
        [--no-seed-model] [--sets de.dev,he.train]

Choosing between two trained models by the figures ``benchmarks/bench_redaction.py``
reports would tune the model to its measurement. This script reads other lines of the
same development sets (``../shared/data/ner/``): for a set the model trained on, the 400
held-out lines after the 400 the benchmark measures; for a set never trained on, lines
2000-2399 (the benchmark measures the first 400). It prints, per set, the PERSON spans
left whole and in part, the precision of what was found, and the ordinary words kept,
with the whole redactor (rules, engines and the four name models), the shipped models
by default or the candidate folders given (``--seed-model`` in place of the seed models,
the third and the fourth; give it twice for two); ``--no-seed-model`` leaves them out.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from bench_redaction import ner_scores  # noqa: E402

import redaction.analyzer  # noqa: E402
import redaction.multilingual  # noqa: E402
from redaction.redact import Redactor, merge_spans  # noqa: E402

SAMPLE = 400
NEVER_TRAINED_FROM = 2000


def selection(stem: str, lines: list[str]) -> list[str]:
    first = redaction.multilingual.held_out_from(stem, len(lines))
    start = first + SAMPLE if first else NEVER_TRAINED_FROM
    return lines[start : start + SAMPLE] or lines[SAMPLE : 2 * SAMPLE]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "ner")
    ap.add_argument("--xx", type=Path, help="a candidate for redaction/models/person-xx")
    ap.add_argument("--scripts", type=Path, help="a candidate for person-xx-scripts")
    ap.add_argument(
        "--seed-model",
        type=Path,
        action="append",
        help="a candidate in place of the seed models (person-xx-seed7, person-xx-seed11)",
    )
    ap.add_argument("--no-seed-model", action="store_true", help="without the seed models")
    ap.add_argument("--sets", help="comma-separated set names (default: all)")
    args = ap.parse_args()
    if not args.data.is_dir():
        sys.exit(f"no development sets at {args.data} (see ../shared/data/ner/README.md)")
    # The analyzer loads the models from these module paths when it is built.
    if args.xx:
        redaction.multilingual.MODEL_DIR = args.xx.resolve()
    if args.scripts:
        redaction.analyzer.SCRIPTS_MODEL_DIR = args.scripts.resolve()
    if args.seed_model:
        redaction.analyzer.SEED_MODEL_DIRS = tuple(p.resolve() for p in args.seed_model)
    if args.no_seed_model:
        redaction.analyzer.seed_model_reads = lambda text: False
    only = set(args.sets.split(",")) if args.sets else None
    redactor = Redactor()
    print(
        f"selection split (never a benchmark row); models: {args.xx or 'shipped'}, "
        f"{args.scripts or 'shipped'}, "
        f"{'none' if args.no_seed_model else ', '.join(map(str, args.seed_model or ['shipped']))}"
    )
    for f in sorted(args.data.glob("*.jsonl")):
        if f.stem == "en.train" or (only and f.stem not in only):
            continue  # en.train: trained on whole
        lines = selection(f.stem, f.read_text(encoding="utf-8").splitlines())
        items = [json.loads(x) for x in lines]
        texts = [it["text"] for it in items]
        found = redactor.analyzer.analyze_many(texts)
        spans = [merge_spans(t, r) for t, r in zip(texts, found, strict=True)]
        outs = [r.text for r in redactor.redact_many(texts)]
        s = ner_scores(items, spans, outs)
        print(
            f"{f.stem:9s} names {s['spans']:4d}  left {s['whole'] / s['spans']:6.1%}  "
            f"part {s['part'] / s['spans']:6.1%}  prec {s['pred_ok'] / max(1, s['pred']):6.1%}  "
            f"kept {s['kept'] / s['words']:6.1%}",
            flush=True,
        )


if __name__ == "__main__":
    main()
