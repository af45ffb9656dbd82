"""The generator's log ingested: no planted PII value, whole or in part, in its event;
no raw identifier anywhere in the store or in any file under the home directory; no
key in DuckDB."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from redaction.leakcheck import leaked
from tests.raw_values import Needles, raw_values
from warden.keys.keyring import Keyring, Unlock

PW = "privacy-test-pw"


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory, synth_small: Path) -> Path:
    home = tmp_path_factory.mktemp("privacy") / "home"
    env = {**os.environ, "WARDEN_PASSPHRASE": PW}
    subprocess.run(
        [sys.executable, "-m", "warden", "--home", str(home), "init"],
        env=env,
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "warden",
            "--home",
            str(home),
            "ingest",
            "--quiet",
            "--processes",
            "2",
            str(synth_small / "usage.jsonl"),
        ],
        env=env,
        check=True,
        timeout=900,
    )
    return home


def test_no_planted_value_survives_in_part_in_its_event(ingested: Path, synth_small: Path) -> None:
    """Per event, so that a surname alone or five digits of a number count as a leak."""
    with duckdb.connect(str(ingested / "warden.duckdb"), read_only=True) as con:
        stored = {
            rid: "\n".join(x or "" for x in rest)
            for rid, *rest in con.execute(
                "SELECT request_id, messages::VARCHAR, input_text, completion FROM events"
            ).fetchall()
        }
    checked = 0
    left = []
    for line in (synth_small / "truth" / "events.jsonl").read_text().splitlines():
        t = json.loads(line)
        for kind, value in t["pii"]:
            checked += 1
            if leaked(kind, value, stored[t["request_id"]]):
                left.append((kind, value))
    assert checked > 1000
    assert left == []


def _store_text(db: Path) -> str:
    parts = []
    with duckdb.connect(str(db), read_only=True) as con:
        cols = con.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE data_type IN ('VARCHAR', 'JSON')"
        ).fetchall()
        for t, c in cols:
            parts += [
                str(r[0]) for r in con.execute(f'SELECT "{c}"::VARCHAR FROM "{t}"').fetchall()
            ]
    return "\n".join(parts)


def test_no_planted_value_or_identifier_in_store_or_files(
    ingested: Path, synth_small: Path
) -> None:
    raw = raw_values(synth_small)
    assert len(raw) > 1000
    needles = Needles(raw)
    escaped = Needles(json.dumps(n, ensure_ascii=False)[1:-1] for n in raw)
    text = _store_text(ingested / "warden.duckdb")
    assert len(text) > 100_000
    assert sorted(needles.in_text(text) | escaped.in_text(text)) == []
    for f in ingested.rglob("*"):
        if f.is_file():
            assert sorted(needles.in_bytes(f.read_bytes())) == [], f.name


def test_warden_scan_is_clean(ingested: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "warden", "--home", str(ingested), "scan"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout
    assert "clean" in proc.stdout


def test_keys_never_in_duckdb(ingested: Path) -> None:
    ring = Keyring.open(ingested, Unlock(passphrase=PW))
    secrets = [ring.master_key, ring.audit_signing_key, *ring.pseudonym_keys.values()]
    forms = [s.hex() for s in secrets] + [base64.b64encode(s).decode() for s in secrets]
    text = _store_text(ingested / "warden.duckdb")
    with duckdb.connect(str(ingested / "warden.duckdb"), read_only=True) as con:
        blobs = [
            bytes(r[0])
            for r in con.execute(
                "SELECT wrapped_key FROM vault_subjects WHERE wrapped_key IS NOT NULL"
            ).fetchall()
        ]
        blobs += [
            bytes(r[0])
            for r in con.execute(
                "SELECT ciphertext FROM vault_values WHERE ciphertext IS NOT NULL"
            ).fetchall()
        ]
    raw = (ingested / "warden.duckdb").read_bytes()
    for s, form in zip(secrets * 2, forms, strict=True):
        assert form not in text
        assert s not in raw
        assert all(s not in b for b in blobs)


def test_otlp_input_keeps_no_planted_value_or_identifier(tmp_path: Path, synth_small: Path) -> None:
    """The same log as OpenTelemetry GenAI spans: no identifier anywhere, no planted value
    (whole or in part) in its event."""
    from app.demo.otlp import export_lines, span

    recs = [json.loads(x) for x in (synth_small / "usage.jsonl").read_text().splitlines()[:3000]]
    spans = tmp_path / "spans.jsonl"
    spans.write_text("\n".join(export_lines(recs)) + "\n")
    home = tmp_path / "home"
    env = {**os.environ, "WARDEN_PASSPHRASE": PW}
    for args in (["init"], ["ingest", "--quiet", str(spans)]):
        subprocess.run(
            [sys.executable, "-m", "warden", "--home", str(home), *args],
            env=env,
            check=True,
            capture_output=True,
            timeout=900,
        )
    span_id = {}
    for r in recs:
        sp = span(r)
        if sp is not None:
            span_id[f"{sp['traceId']}-{sp['spanId']}"] = r["request_id"]
    truth = {
        t["request_id"]: t
        for t in map(json.loads, (synth_small / "truth" / "events.jsonl").read_text().splitlines())
    }
    with duckdb.connect(str(home / "warden.duckdb"), read_only=True) as con:
        stored = con.execute(
            "SELECT request_id, messages::VARCHAR, input_text, completion FROM events"
        ).fetchall()
    assert len(stored) == len(span_id) > 2000
    checked, left = 0, []
    for rid, *texts in stored:
        joined = "\n".join(x or "" for x in texts)
        for kind, value in truth.get(span_id[rid], {"pii": []})["pii"]:
            checked += 1
            if leaked(kind, value, joined):
                left.append((kind, value))
    assert checked > 300 and left == []
    ids: set[str] = set()
    for r in recs:
        ids |= {r["account_id"], r["user_email"], r["ip_address"]}
    text = _store_text(home / "warden.duckdb")
    assert sorted(i for i in ids if i in text) == []
    for f in home.rglob("*"):
        if f.is_file():
            data = f.read_bytes()
            assert [i for i in ids if i.encode() in data] == [], f.name
