"""Shared scoring for the redaction benchmarks: leaks of planted values, survival of
ordinary words, on the generator's logs and on the presidio-research labelled set."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from redaction.leakcheck import leaked

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SYNTH_SET = SHARED / "data" / "presidio-research-synth_dataset_v2.json"
TARGET_TYPES = (
    "PERSON",
    "STREET_ADDRESS",
    "PHONE_NUMBER",
    "CREDIT_CARD",
    "EMAIL_ADDRESS",
    "IBAN_CODE",
    "US_SSN",
    "IP_ADDRESS",
)


def texts_of(rec: dict[str, Any]) -> list[str]:
    """The free-text fields of a usage-log record."""
    out = [m.get("content") or "" for m in rec.get("messages") or []]
    out += [rec.get("input") or "", rec.get("completion") or ""]
    return [t for t in out if t]


def synth_events(
    log_dir: Path, limit: int | None = None
) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """(record, truth) for each record with planted values."""
    truth = {}
    for line in (log_dir / "truth" / "events.jsonl").read_text().splitlines():
        t = json.loads(line)
        truth[t["request_id"]] = t
    n = 0
    with (log_dir / "usage.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            yield rec, truth.get(rec["request_id"], {"pii": [], "ordinary": []})
            n += 1
            if limit and n >= limit:
                return


def score_synth(
    pairs: list[tuple[dict[str, Any], dict[str, Any]]],
    redact_texts: Callable[[list[str]], list[str]],
) -> dict[str, Any]:
    """Leak and survival figures of ``redact_texts`` on the generator's records."""
    per_rec = [texts_of(r) for r, _ in pairs]
    flat = [t for ts in per_rec for t in ts]
    red = iter(redact_texts(flat))
    planted: Counter[str] = Counter()
    leaks: Counter[str] = Counter()
    ordinary = survived = 0
    examples: dict[str, list[str]] = {}
    for (_, truth), ts in zip(pairs, per_rec, strict=True):
        joined = "\n".join(next(red) for _ in ts)
        for kind, value in truth["pii"]:
            planted[kind] += 1
            if leaked(kind, value, joined):
                leaks[kind] += 1
                examples.setdefault(kind, []).append(value)
        for w in truth["ordinary"]:
            ordinary += 1
            survived += w in joined
    return {
        "texts": len(flat),
        "planted": planted,
        "leaks": leaks,
        "ordinary": ordinary,
        "survived": survived,
        "examples": examples,
    }


def load_synth_set() -> list[dict[str, Any]]:
    return json.loads(SYNTH_SET.read_text(encoding="utf-8"))


def score_synth_set(
    items: list[dict[str, Any]], redact_texts: Callable[[list[str]], list[str]]
) -> dict[str, Any]:
    """Span leak rate (any part of the value still present) per entity type."""
    red = redact_texts([it["full_text"] for it in items])
    spans: Counter[str] = Counter()
    leaks: Counter[str] = Counter()
    for it, r in zip(items, red, strict=True):
        for sp in it["spans"]:
            t = sp["entity_type"]
            spans[t] += 1
            if leaked(t, sp["entity_value"], r):
                leaks[t] += 1
    return {"spans": spans, "leaks": leaks}
