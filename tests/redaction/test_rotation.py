"""Key rotation: an account seen before and after rotation stays one account."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import cli
from enforcement import cases
from enforcement.desk import Desk
from redaction.ingest import Ingestor
from redaction.pseudonym import Pseudonymizer
from redaction.rotation import check_key_version, rotate
from warden.config import load_config
from warden.errors import StateError
from warden.keys.keyring import Keyring, Unlock
from warden.store import Store

PW = "rotation-pw"


def _rec(rid: str, ts: str) -> dict[str, object]:
    return {
        "request_id": rid,
        "timestamp": ts,
        "account_id": "acct_rot12345",
        "user_email": "ana.ruiz@mail.es",
        "ip_address": "198.51.100.7",
        "endpoint": "/v1/chat/completions",
        "messages": [{"role": "user", "content": "Forward to ana.ruiz@mail.es please"}],
    }


def test_rotation_keeps_one_account(tmp_path: Path) -> None:
    home = tmp_path / "h"
    home.mkdir()
    ring = Keyring.create(home, Unlock(passphrase=PW))
    cfg = load_config(home)
    store = Store(cfg.db_path)
    store.migrate()
    a = tmp_path / "a.jsonl"
    a.write_text(json.dumps(_rec("r1", "2026-10-01T00:00:00Z")) + "\n")
    Ingestor(store, ring, cfg).ingest([a])
    v1 = Pseudonymizer(ring.pseudonym_keys, 1).pseudonym("account", "acct_rot12345")
    cases.open_or_update(
        Desk.open(cfg, ring), kind="account", subject=v1, members=[v1], risk=0.9, reasons=["r"]
    )

    result = rotate(store, ring, "dave")
    assert (result.old_version, result.new_version) == (1, 2)
    ring = Keyring.open(home, Unlock(passphrase=PW))
    assert ring.current_version == 2
    b = tmp_path / "b.jsonl"
    b.write_text(json.dumps(_rec("r2", "2026-11-01T00:00:00Z")) + "\n")
    Ingestor(store, ring, cfg).ingest([b])

    p2 = Pseudonymizer(ring.pseudonym_keys, 2)
    v2 = p2.pseudonym("account", "acct_rot12345")
    with store.read() as con:
        accounts = con.execute("SELECT DISTINCT account FROM events").fetchall()
        nets = con.execute("SELECT DISTINCT ip_net FROM events").fetchall()
        texts = [
            r[0] for r in con.execute("SELECT messages FROM events ORDER BY request_id").fetchall()
        ]
        case = con.execute("SELECT subject, members FROM cases").fetchone()
        link = con.execute(
            "SELECT new_pseudonym FROM pseudonym_links WHERE old_pseudonym = ?", [v1]
        ).fetchone()
    assert accounts == [(v2,)]
    assert nets == [(p2.network("198.51.100.7"),)]
    assert all(p2.pseudonym("email", "ana.ruiz@mail.es") in t for t in texts)
    assert all("_v1_" not in t for t in texts)
    assert case == (v2, json.dumps([v2]))
    assert link == (v2,)


def test_unfinished_rotation_blocks_ingest_until_resumed(tmp_path: Path) -> None:
    home = tmp_path / "h"
    home.mkdir()
    ring = Keyring.create(home, Unlock(passphrase=PW))
    store = Store(load_config(home).db_path)
    store.migrate()
    ring.rotate()  # keyring moved on, store not re-keyed: as if killed mid-rotation
    ring.save()
    with pytest.raises(StateError, match="warden keys rotate"):
        check_key_version(store, ring)
    r = CliRunner().invoke(
        cli,
        ["--home", str(home), "keys", "rotate"],
        env={"WARDEN_PASSPHRASE": PW, "WARDEN_USER": "dave"},
    )
    assert r.exit_code == 0 and "v1 -> v2" in r.output
    check_key_version(store, Keyring.open(home, Unlock(passphrase=PW)))
