"""What must never reach the store, a file or an output: the generator's raw identifiers
and the values it planted in the text (for tests)."""

from __future__ import annotations

import json
from pathlib import Path


def raw_values(synth: Path) -> set[str]:
    """Every raw identifier and planted value of a generated log (6 characters or more)."""
    out: set[str] = set()
    for line in (synth / "truth" / "events.jsonl").read_text().splitlines():
        out |= {value for _, value in json.loads(line)["pii"]}
    for line in (synth / "truth" / "accounts.jsonl").read_text().splitlines():
        a = json.loads(line)
        out |= {a["account_id"], a["org_id"], a["user_email"], *a["api_key_ids"]}
    with (synth / "usage.jsonl").open() as fh:
        for line in fh:
            out.add(json.loads(line)["ip_address"])
    return {v for v in out if len(v) >= 6}
