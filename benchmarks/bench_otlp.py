"""Ingest speed of OpenTelemetry GenAI traces beside the same events as a usage log.

Data: the synthetic generator (development data); the model-call events of its log
(chat and embeddings; moderation calls have no GenAI operation and are left out of
both files), written once as usage-log JSON Lines and once as OTLP/JSON lines of 50
spans each (current conventions, app.demo.otlp). Each file is ingested into a
fresh home with the default configuration; start-up included on both sides.

    .venv/bin/python benchmarks/bench_otlp.py [--accounts 880]   # over 100k spans
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from _homes import fresh_ingest

from app.demo import generate
from app.demo.otlp import OPERATION, export_lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--accounts", type=int, default=880)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="warden-otlp-"))
    generate(work / "log", accounts=args.accounts, seed=7)
    recs = [
        r
        for r in map(json.loads, (work / "log" / "usage.jsonl").open(encoding="utf-8"))
        if r["endpoint"] in OPERATION
    ]
    usage, spans = work / "usage.jsonl", work / "spans.jsonl"
    usage.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs))
    spans.write_text("".join(line + "\n" for line in export_lines(recs)))
    mb = {p: p.stat().st_size / 1e6 for p in (usage, spans)}
    print(f"data: synthetic generator (development data), {len(recs):,} model-call events")
    for name, path in (("usage log", usage), ("OTLP spans", spans)):
        secs, t = fresh_ingest(path, work / f"home-{path.stem}")
        assert t["stored"] == len(recs), t
        print(
            f"  {name:10s} ({mb[path]:6.0f} MB): {t['stored']:,} events in {secs:6.1f}s = "
            f"{t['stored'] / secs:7,.0f} events/s (start-up included)"
        )


if __name__ == "__main__":
    main()
