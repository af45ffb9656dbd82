from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

import phonenumbers
import pytest

from app.demo import ARCHETYPES, generate


def _digest(d: Path) -> str:
    h = hashlib.sha256()
    for f in sorted(d.rglob("*")):
        if f.is_file():
            h.update(f.relative_to(d).as_posix().encode())
            h.update(f.read_bytes())
    return h.hexdigest()


def test_deterministic_for_a_seed(tmp_path: Path) -> None:
    generate(tmp_path / "a", accounts=40, seed=3)
    generate(tmp_path / "b", accounts=40, seed=3)
    generate(tmp_path / "c", accounts=40, seed=4)
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    assert _digest(tmp_path / "a") != _digest(tmp_path / "c")


def test_records_follow_the_spec(synth_small: Path) -> None:
    required = {"request_id", "timestamp", "account_id", "endpoint"}
    ids = set()
    with (synth_small / "usage.jsonl").open() as fh:
        for line in fh:
            rec = json.loads(line)
            assert required <= rec.keys()
            assert rec["timestamp"].endswith("Z")
            ids.add(rec["request_id"])
            if rec["endpoint"] == "/v1/chat/completions":
                assert all({"role", "content"} <= m.keys() for m in rec["messages"])
            assert isinstance(rec["moderation"]["flagged"], bool)
    assert len(ids) > 3000


def test_truth_covers_archetypes_rings_and_pii(synth_small: Path) -> None:
    accounts = [
        json.loads(x) for x in (synth_small / "truth/accounts.jsonl").read_text().splitlines()
    ]
    kinds = Counter(a["archetype"] for a in accounts)
    assert set(kinds) == {a.name for a in ARCHETYPES}
    rings = Counter(a["ring"] for a in accounts if a["ring"])
    assert rings and all(n >= 2 for n in rings.values())
    pii_types: Counter[str] = Counter()
    ordinary = 0
    log = {
        json.loads(x)["request_id"]: x
        for x in (synth_small / "usage.jsonl").read_text().splitlines()
    }
    for line in (synth_small / "truth/events.jsonl").read_text().splitlines():
        t = json.loads(line)
        raw = json.loads(log[t["request_id"]])
        text = json.dumps(raw, ensure_ascii=False)
        for kind, value in t["pii"]:
            pii_types[kind] += 1
            assert json.dumps(value, ensure_ascii=False)[1:-1] in text, (kind, value)
        ordinary += len(t["ordinary"])
    for kind in (
        "PERSON",
        "EMAIL_ADDRESS",
        "PHONE_NUMBER",
        "CREDIT_CARD",
        "IBAN_CODE",
        "US_SSN",
        "NATIONAL_ID",
        "STREET_ADDRESS",
        "DATE_OF_BIRTH",
        "IP_ADDRESS",
        "SECRET",
    ):
        assert pii_types[kind] >= 5, kind
    assert ordinary > 100


def test_planted_phone_numbers_are_valid(synth_small: Path) -> None:
    checked = 0
    for line in (synth_small / "truth/events.jsonl").read_text().splitlines():
        for kind, value in json.loads(line)["pii"]:
            if kind == "PHONE_NUMBER" and value.startswith("+"):
                assert phonenumbers.is_valid_number(phonenumbers.parse(value, None)), value
                checked += 1
    assert checked > 10


def test_variants_strip_fields_and_add_kinds(tmp_path: Path) -> None:
    from app.demo import VARIANTS

    full = generate(tmp_path / "full", accounts=40, seed=3)
    sparse = generate(tmp_path / "sparse", accounts=40, seed=3, variant="sparse")
    assert sparse.events == full.events  # the same traffic, fewer fields
    gone = ("ip_address", "country", "moderation", "completion", "completion_tokens", "user_agent")
    for line in (tmp_path / "sparse" / "usage.jsonl").read_text().splitlines()[:500]:
        rec = json.loads(line)
        assert not set(gone) & set(rec) and rec["account_id"] and rec["timestamp"]
    timing = generate(tmp_path / "timing", accounts=40, seed=3, variant="timing")
    kinds = {
        json.loads(x)["archetype"]
        for x in (tmp_path / "timing" / "truth" / "accounts.jsonl").read_text().splitlines()
    }
    assert "timing_script" in kinds and timing.abusive > full.abusive
    generate(tmp_path / "wide", accounts=40, seed=3, variant="wide")
    assert set(VARIANTS) >= {"full", "no_ip", "sparse", "wide", "timing"}
    with pytest.raises(ValueError, match="unknown variant"):
        generate(tmp_path / "x", accounts=10, variant="nope")
