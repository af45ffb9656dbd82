"""OpenTelemetry GenAI traces (OTLP/JSON) ingest to the events the mapping table in
docs/input-format.md says, field by field; no raw value reaches the store."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from redaction.otlp import OtlpMapping, OtlpStats, read_otlp
from redaction.pseudonym import Pseudonymizer
from redaction.sources import detect
from warden.config import load_config
from warden.errors import ConfigError, InputError
from warden.keys.keyring import Keyring, Unlock

PW = "otlp-pw"
FIXTURE = Path(__file__).resolve().parents[1] / "data" / "otlp" / "genai-spans.jsonl"
RAW = [  # values in the fixture that must never reach the store
    "ana.ruiz@mail.es",
    "203.0.113.195",
    "2001:db8:85a3::8a2e:370:7334",
    "u-48213",
    "OpenAI/Python 1.52.0",
    "Ana Ruiz",
    "612 345 678",
    "Baker Street",
    "NW1 6XE",
    "John Smith",
    "533380006",
    "4111 1111 1111 1111",
    "Mary Jones",
    "7946 0958",
]


def _records() -> tuple[dict[int, dict[str, object]], dict[int, str], OtlpStats]:
    stats = OtlpStats()
    good, bad = {}, {}
    for raw in read_otlp(FIXTURE, OtlpMapping(), stats):
        if raw.record is not None:
            good[raw.line_no] = raw.record
        else:
            bad[raw.line_no] = raw.error or ""
    return good, bad, stats


def test_current_convention_chat_span_field_by_field() -> None:
    good, _, _ = _records()
    assert good[1_000_000] == {
        "request_id": "5b8efff798038103d269b633813fc60c-eee19b7ec3c1b174",
        "timestamp": "2025-10-31T08:40:00.123456Z",
        "account_id": "ana.ruiz@mail.es",
        "ip_address": "203.0.113.195",
        "user_agent": "OpenAI/Python 1.52.0",
        "endpoint": "/v1/chat/completions",
        "model": "gpt-4o",
        "prompt_tokens": 41,
        "completion_tokens": 180,
        "messages": [
            {"role": "system", "content": "You are a helpful assistant."},
            {"role": "user", "content": "Write a cover letter for Ana Ruiz, +34 612 345 678."},
        ],
        "completion": "Dear hiring manager, my name is Ana Ruiz.",
    }


def test_tool_call_spans_keep_arguments_and_results_as_text() -> None:
    good, _, _ = _records()
    ask, answer = good[1_000_001], good[1_000_002]
    # structured (kvlist) input messages are read like JSON ones
    assert ask["messages"] == [
        {"role": "user", "content": "Will it rain at 160 Baker Street, London NW1 6XE tomorrow?"}
    ]
    assert ask["completion"] == (
        '[tool call get_weather] {"address": "160 Baker Street, London NW1 6XE"}'
    )
    assert [m["role"] for m in answer["messages"]] == ["user", "assistant", "tool"]  # type: ignore[union-attr]
    assert answer["messages"][2]["content"] == "[tool result] rain, 12 C"  # type: ignore[index]
    assert answer["completion"] == "Yes, take an umbrella."


def test_embeddings_span_and_span_without_content() -> None:
    good, _, _ = _records()
    assert good[1_000_003] == {
        "request_id": "0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331",
        "timestamp": "2025-10-31T08:40:04Z",
        "account_id": "ana.ruiz@mail.es",
        "endpoint": "/v1/embeddings",
        "model": "text-embedding-3-small",
        "prompt_tokens": 12,
    }
    quiet = good[2_000_001]
    assert "messages" not in quiet and "completion" not in quiet
    assert quiet["prompt_tokens"] == 25 and quiet["completion_tokens"] == 40


def test_older_event_form_and_resource_identity() -> None:
    good, _, _ = _records()
    old = good[2_000_000]
    assert old["account_id"] == "u-48213"  # user.id on the resource
    assert old["ip_address"] == "2001:db8:85a3::8a2e:370:7334"
    assert old["messages"] == [
        {"role": "system", "content": "You are a travel agent."},
        {
            "role": "user",
            "content": "Book a flight for John Smith, passport 533380006, card 4111 1111 1111 1111.",
        },
    ]
    assert old["completion"] == "I cannot help with that."
    assert old["moderation"] == {"flagged": True, "categories": {}}  # content_filter


def test_skipped_quarantined_and_unknown_attributes_are_counted() -> None:
    good, bad, stats = _records()
    assert len(good) == 6 and stats.spans == 9
    assert stats.skipped == Counter({"not a GenAI span": 1, "GenAI operation execute_tool": 1})
    assert bad == {2_000_003: "span names no account (attributes tried: enduser.id, user.id)"}
    assert stats.unknown_attributes["gen_ai.conversation.id"] == 1
    assert stats.unknown_attributes["server.address"] == 1
    assert "enduser.id" not in stats.unknown_attributes


def test_mapping_is_configurable_and_a_conversation_is_never_an_account(tmp_path: Path) -> None:
    stats = OtlpStats()
    only_user_id = [r for r in read_otlp(FIXTURE, OtlpMapping(account=("user.id",)), stats)]
    assert sum(r.record is not None for r in only_user_id) == 2  # the legacy-app spans
    (tmp_path / "warden.toml").write_text('[otlp]\naccount = ["gen_ai.conversation.id"]\n')
    with pytest.raises(ConfigError, match="conversation or session, not an account"):
        load_config(tmp_path)
    (tmp_path / "warden.toml").write_text('[otlp]\naccount = ["tenant.id"]\norg = ["org.id"]\n')
    cfg = load_config(tmp_path)
    assert cfg.otlp.account == ("tenant.id",) and cfg.otlp.org == ("org.id",)


def test_format_detected_by_content(tmp_path: Path) -> None:
    gz = tmp_path / "spans.jsonl.gz"
    gz.write_bytes(gzip.compress(FIXTURE.read_bytes()))
    usage = tmp_path / "usage.jsonl"
    usage.write_text('{"request_id": "r1", "resourceSpansX": 1}\n')
    assert detect(FIXTURE) == "otlp" and detect(gz) == "otlp"
    assert detect(usage) == "usage-log"
    assert detect(FIXTURE, "usage-log") == "usage-log"
    csv = tmp_path / "x.csv"
    csv.write_text("a\n")
    with pytest.raises(InputError, match="OTLP traces are read from JSON Lines"):
        detect(csv, "otlp")


def _cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "WARDEN_PASSPHRASE": PW}
    return subprocess.run(
        [sys.executable, "-m", "warden", "--home", str(home), *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def test_warden_ingest_takes_spans_without_a_flag_and_keeps_nothing_raw(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert _cli(home, "init").returncode == 0
    r = _cli(home, "ingest", "--json", str(FIXTURE))
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    f = out["files"][0]
    assert f["format"] == "otlp" and f["spans"] == 9
    assert (f["records"], f["stored"], f["quarantined"]) == (7, 6, 1)
    assert f["spans_skipped"] == {"GenAI operation execute_tool": 1, "not a GenAI span": 1}
    ring = Keyring.open(home, Unlock(passphrase=PW))
    p = Pseudonymizer(ring.pseudonym_keys, ring.current_version)
    with duckdb.connect(str(home / "warden.duckdb"), read_only=True) as con:
        rows = con.execute(
            "SELECT request_id, account, ip, endpoint, model, prompt_tokens, completion_tokens, "
            "flagged, messages, completion FROM events ORDER BY ts"
        ).fetchall()
        cols = con.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE data_type IN ('VARCHAR', 'JSON')"
        ).fetchall()
        text = "\n".join(
            str(v[0])
            for t, c in cols
            for v in con.execute(f'SELECT "{c}"::VARCHAR FROM "{t}"').fetchall()
        )
        reason = con.execute("SELECT reason FROM quarantine").fetchall()
    assert [r[0][-16:] for r in rows] == [
        "eee19b7ec3c1b174",
        "a1b2c3d4e5f60718",
        "0f1e2d3c4b5a6978",
        "b7ad6b7169203331",
        "00f067aa0ba902b7",
        "11f067aa0ba902b8",
    ]
    assert rows[0][1] == p.pseudonym("account", "ana.ruiz@mail.es")
    assert rows[0][2] == p.pseudonym("ip", "203.0.113.195")
    assert rows[4][1] == p.pseudonym("account", "u-48213")
    assert [r[3] for r in rows] == ["/v1/chat/completions"] * 3 + ["/v1/embeddings"] + [
        "/v1/chat/completions"
    ] * 2
    assert (rows[0][4], rows[0][5], rows[0][6]) == ("gpt-4o", 41, 180)
    assert rows[4][7] is True  # content_filter
    assert "<PERSON>" in rows[0][8] and "<PHONE_NUMBER>" in rows[0][8]
    assert reason == [("span names no account (attributes tried: enduser.id, user.id)",)]
    left = [v for v in RAW if v in text]
    assert left == []
    for path in home.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert [v for v in RAW if v.encode() in data] == [], path.name
    again = _cli(home, "ingest", "--format", "otlp", "--force", "--json", str(FIXTURE))
    assert json.loads(again.stdout)["stored"] == 0  # idempotent on trace and span ids


def test_forcing_the_wrong_format_quarantines_with_reasons(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert _cli(home, "init").returncode == 0
    r = _cli(home, "ingest", "--format", "usage-log", "--json", str(FIXTURE))
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert (out["stored"], out["quarantined"]) == (0, 2)


def test_the_sweep_inbox_takes_traces(tmp_path: Path) -> None:
    import shutil
    import time

    from app.sweep import sweep

    home = tmp_path / "home"
    assert _cli(home, "init").returncode == 0
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(FIXTURE, inbox / "collector-export.jsonl")
    old = time.time() - 600
    os.utime(inbox / "collector-export.jsonl", (old, old))
    result = sweep(load_config(home), Keyring.open(home, Unlock(passphrase=PW)), inbox=inbox)
    assert result.files == ["collector-export.jsonl"]
    assert (result.records, result.stored, result.quarantined) == (7, 6, 1)
    assert result.accounts_scored == 2 and result.scan_clean
