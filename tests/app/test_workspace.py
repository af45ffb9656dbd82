"""The notebook API: DataFrames, plots, audited actions as the notebook user, and no raw
identifier in anything it returns."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import altair as alt
import polars as pl
import pytest

from app.notebook import Workspace
from tests.app.conftest import PW
from warden.errors import StateError


@pytest.fixture
def ws(swept_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    monkeypatch.setenv("WARDEN_PASSPHRASE", PW)
    # a copy: what one test decides does not use up the open cases of the next
    return Workspace(shutil.copytree(swept_home, tmp_path / "home"), user="bob")


def _raw_values(synth: Path) -> set[str]:
    raw: set[str] = set()
    for line in (synth / "truth" / "accounts.jsonl").read_text().splitlines():
        a = json.loads(line)
        raw |= {a["account_id"], a["org_id"], a["user_email"], *a["api_key_ids"]}
    return raw


def test_reading_methods_return_frames_without_raw_identifiers(
    ws: Workspace, synth_small: Path
) -> None:
    top = ws.accounts(limit=10)
    assert top.columns[:4] == ["account", "score", "cluster", "group"]
    assert top["score"].is_sorted(descending=True)
    acc = top["account"][0]
    prof = ws.account(acc)
    assert prof.reasons and prof.features["n_events"] > 0
    ev = ws.events(accounts=[acc])
    assert isinstance(ev, pl.DataFrame) and set(ev["account"].to_list()) == {acc}
    assert isinstance(ws.events(accounts=[acc], lazy=True), pl.LazyFrame)
    groups = ws.groups()
    cases = ws.cases()
    everything = [
        top,
        ev,
        groups,
        cases,
        ws.sql("SELECT * FROM events LIMIT 2000"),
        ws.sql("SELECT * FROM quarantine"),
        ws.sql("SELECT * FROM audit_log"),
    ]
    text = "\n".join(df.write_json() for df in everything if not df.is_empty())
    text += json.dumps(prof.__dict__, default=str)
    for raw in _raw_values(synth_small):
        assert raw not in text, raw
    for chart in (
        ws.timeline(acc),
        ws.feature_deviation(acc),
        ws.cluster_map(),
        ws.group_graph(groups["group_id"][0]),
    ):
        assert isinstance(chart, alt.TopLevelMixin)
        chart.to_dict()


def test_sql_is_read_only(ws: Workspace) -> None:
    with pytest.raises(Exception, match="read-only"):
        ws.sql("DELETE FROM audit_log")


def test_decision_from_the_notebook_is_audited_as_its_user(ws: Workspace) -> None:
    open_cases = ws.cases().filter((pl.col("state") == "open") & ~pl.col("held"))
    cid = open_cases["case_id"][-1]
    ws.claim(cid)
    did = ws.decide(cid, "warn", "spam", "Templated phishing prompts sent from shared networks.")
    log = ws.sql(
        "SELECT actor, action, subject FROM audit_log WHERE subject = ? ORDER BY seq", [cid]
    )
    assert ("bob", "decision.recorded", cid) in log.rows()
    assert did in ws.sql("SELECT decision_id FROM decisions")["decision_id"].to_list()


def test_reveal_only_through_the_gate(ws: Workspace) -> None:
    cid = ws.cases()["case_id"][0]
    rid = ws.request_reidentification(
        cid, "Subpoena 2026-77 names this account holder.", kinds=("email",)
    )
    with pytest.raises(StateError, match="pending"):
        ws.reveal(rid)
