"""The audit log: every kind of tampering with raw SQL is caught by `warden audit verify`;
inclusion proofs check out in the standalone verifier, forged ones do not."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from app.cli import cli
from enforcement.desk import Desk
from warden import audit

from .conftest import PW, decided_cases

T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
MERKLE = Path(__file__).resolve().parents[2] / "warden" / "merkle.py"


def _activity(desk: Desk, n: int = 4) -> None:
    decided_cases(desk, n, T0)


def _verify(desk: Desk) -> tuple[int, str]:
    r = CliRunner().invoke(
        cli, ["--home", str(desk.config.home), "audit", "verify"], env={"WARDEN_PASSPHRASE": PW}
    )
    return r.exit_code, r.output


def test_clean_log_verifies(desk: Desk) -> None:
    _activity(desk)
    code, out = _verify(desk)
    assert code == 0, out
    assert "OK" in out and "entries" in out


TAMPER = {
    "edit": ("UPDATE audit_log SET actor = 'mallory' WHERE seq = 3", "entry 3 was edited"),
    "edit_details": ("UPDATE audit_log SET details = '{}' WHERE seq = 5", "entry 5 was edited"),
    "delete": ("DELETE FROM audit_log WHERE seq = 4", "entry 4 is missing"),
    "insert": (
        "UPDATE audit_log SET seq = seq + 100000 WHERE seq >= 3; "
        "UPDATE audit_log SET seq = seq - 99999 WHERE seq >= 100000; "
        "INSERT INTO audit_log SELECT 3, ts, 'mallory', action, subject, details, "
        "private_commit, prev_hash, hash FROM audit_log WHERE seq = 2",
        "does not chain",
    ),
    "reorder": (
        "UPDATE audit_log SET seq = CASE seq WHEN 2 THEN 6 WHEN 6 THEN 2 END WHERE seq IN (2, 6)",
        "entry 2 does not chain",
    ),
    "truncate": ("DELETE FROM audit_log WHERE seq >= 7", "deleted or the table truncated"),
    "truncate_all": ("DELETE FROM audit_log", "deleted or the table truncated"),
    "private": (
        'UPDATE audit_private SET private = \'{"rationale": "x"}\' WHERE seq = '
        "(SELECT min(seq) FROM audit_private)",
        "private part of entry",
    ),
}


@pytest.mark.parametrize("kind", sorted(TAMPER))
def test_tampering_is_caught(desk: Desk, kind: str) -> None:
    _activity(desk)
    sql, message = TAMPER[kind]
    with duckdb.connect(str(desk.config.db_path)) as con:
        con.execute(sql)
    code, out = _verify(desk)
    assert code == 1, out
    assert message in out


def test_rechained_rewrite_is_caught_by_the_checkpoint(desk: Desk) -> None:
    """An administrator who edits an entry and recomputes every later hash keeps the
    chain consistent, but not the signed Merkle root."""
    _activity(desk)
    with duckdb.connect(str(desk.config.db_path)) as con:
        rows = con.execute(
            "SELECT seq, ts, actor, action, subject, details, private_commit "
            "FROM audit_log ORDER BY seq"
        ).fetchall()
        prev = audit.GENESIS
        for seq, ts, actor, action, subject, details, commit in rows:
            if seq == 2:
                actor = "mallory"
            h = audit.leaf_hash(
                audit.entry_bytes(seq, ts, actor, action, subject, details, commit, prev)
            )
            con.execute(
                "UPDATE audit_log SET actor = ?, prev_hash = ?, hash = ? WHERE seq = ?",
                [actor, prev, h, seq],
            )
            prev = h
    code, out = _verify(desk)
    assert code == 1 and "do not match the signed checkpoint" in out


def test_inclusion_and_consistency_proofs_in_the_standalone_verifier(
    desk: Desk, tmp_path: Path
) -> None:
    _activity(desk, 2)
    small = audit.read_checkpoints(desk.config.home / "audit" / "checkpoints.jsonl")[-1]["size"]
    _activity(desk, 3)
    proof = audit.prove_inclusion(desk.store, desk.config.home, 5)
    f = tmp_path / "proof.json"
    f.write_text(json.dumps(proof))
    ok = subprocess.run(
        [sys.executable, str(MERKLE), "inclusion", str(f)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert ok.returncode == 0 and "OK" in ok.stdout
    forged = dict(proof, leaf_index=6)
    f.write_text(json.dumps(forged))
    bad = subprocess.run(
        [sys.executable, str(MERKLE), "inclusion", str(f)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 1 and "FAILED" in bad.stderr
    forged = dict(proof, proof=[proof["proof"][0][::-1], *proof["proof"][1:]])
    f.write_text(json.dumps(forged))
    assert (
        subprocess.run(
            [sys.executable, str(MERKLE), "inclusion", str(f)], capture_output=True, check=False
        ).returncode
        == 1
    )
    cons = audit.prove_consistency(desk.store, desk.config.home, small)
    f.write_text(json.dumps(cons))
    ok = subprocess.run(
        [sys.executable, str(MERKLE), "consistency", str(f)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr


def test_personal_data_stays_out_of_the_hashed_record(desk: Desk) -> None:
    _activity(desk, 1)
    with desk.store.read() as con:
        hashed = " ".join(
            str(x) for r in con.execute("SELECT * FROM audit_log").fetchall() for x in r
        )
    assert "phishing" not in hashed  # the rationale is private, committed to by hash
    with desk.store.read() as con:
        assert con.execute("SELECT count(*) FROM audit_private").fetchone()[0] >= 1


def test_forged_entry_appended_with_a_valid_chain_is_caught(desk: Desk) -> None:
    _activity(desk)
    with duckdb.connect(str(desk.config.db_path)) as con:
        seq, h = con.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
        ts, details = "2026-11-02T00:00:00.000000Z", "{}"
        new = audit.leaf_hash(
            audit.entry_bytes(seq + 1, ts, "mallory", "case.closed", None, details, None, h)
        )
        con.execute(
            "INSERT INTO audit_log VALUES (?, ?, 'mallory', 'case.closed', NULL, ?, NULL, ?, ?)",
            [seq + 1, ts, details, h, new],
        )
    code, out = _verify(desk)
    assert code == 1 and "not covered by a signed checkpoint" in out
