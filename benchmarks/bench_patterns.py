"""`warden patterns` at scale: seconds and peak memory of finding the patterns of a week
against the week before, with 100k and 1M prompts in those two weeks, and whether the
planted campaign comes first.

The store is built straight from the generator's log (the "emerging" variant, with a
unique tail on every prompt so that no two texts fold alike: the hard case), skipping
redaction: this measures pattern finding, not ingest. Each size runs in its own process
so that its peak memory is its own. The generator is development data.

    python benchmarks/bench_patterns.py [--prompts 100000 1000000]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PER_ACCOUNT = 128  # about how many requests the generator makes per account
# of the generator's 30 days of events, the share that are prompts of the last two weeks
TWO_WEEKS = 0.44


def build(tmp: Path, events: int) -> Path:
    from app.demo import generate
    from warden.store import Store

    logs = tmp / "logs"
    generate(
        logs, accounts=max(50, events // PER_ACCOUNT), seed=13, variant="emerging", distinct=True
    )
    db = tmp / "warden.duckdb"
    store = Store(db)
    store.migrate()
    with store.write() as con:
        con.execute(
            "INSERT INTO events (request_id, ts, account, endpoint, messages, input_text, "
            "completion, flagged, refusal, key_version, source_hash, ingested_at) "
            "SELECT request_id, timestamp::TIMESTAMPTZ, account_id, endpoint, "
            "to_json(messages), input, completion, false, false, 1, 'bench', now() "
            "FROM read_json(?, format = 'newline_delimited', columns = {request_id: 'VARCHAR', "
            "timestamp: 'VARCHAR', account_id: 'VARCHAR', endpoint: 'VARCHAR', "
            "messages: 'JSON', input: 'VARCHAR', completion: 'VARCHAR'})",
            [str(logs / "usage.jsonl")],
        )
    truth = [
        json.loads(line)["account_id"]
        for line in (logs / "truth" / "accounts.jsonl").read_text().splitlines()
        if json.loads(line)["archetype"] == "emerging_campaign"
    ]
    (tmp / "campaign.json").write_text(json.dumps(truth))
    return db


def measure(db: Path) -> None:
    """In a child process: find the patterns and print one JSON line."""
    from investigate import patterns
    from warden.store import Store

    t0 = time.perf_counter()
    run = patterns.find(Store(db))
    seconds = time.perf_counter() - t0
    campaign = set(json.loads((db.parent / "campaign.json").read_text()))
    first = run.patterns[0] if run.patterns else None
    rank = next(
        (
            i
            for i, p in enumerate(run.patterns)
            if set(p.members) & campaign and len(set(p.members) & campaign) >= len(campaign) // 2
        ),
        None,
    )
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "prompts": run.prompts,
                "distinct": run.distinct,
                "sampled": run.sampled,
                "patterns": len(run.patterns),
                "seconds": round(seconds, 1),
                "peak_mib": round(peak_mib),
                "campaign_rank": rank,
                "first": {
                    "trend": first.trend,
                    "accounts": first.accounts,
                    "terms": first.terms[:5],
                }
                if first
                else None,
            }
        )
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--prompts", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.measure:
        measure(args.measure)
        return
    print(
        "data: the project's generator, 'emerging' variant with distinct prompts "
        "(development data); the store is written without redaction"
    )
    for want in args.prompts:
        n = round(want / TWO_WEEKS)
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            db = build(Path(tmp), n)
            built = time.perf_counter() - t0
            out = subprocess.run(
                [sys.executable, __file__, "--measure", str(db)],
                capture_output=True,
                text=True,
                check=True,
            )
            r = json.loads(out.stdout.strip().splitlines()[-1])
            print(
                f"{n:>9,} events (store built in {built:.0f} s): {r['prompts']:,} prompts in "
                f"the two weeks, {r['distinct']:,} distinct, {r['sampled']:,} clustered; "
                f"{r['patterns']} patterns in {r['seconds']} s, peak memory {r['peak_mib']} MiB; "
                f"planted campaign at rank {r['campaign_rank']} (0 = first); first: {r['first']}"
            )


if __name__ == "__main__":
    main()
