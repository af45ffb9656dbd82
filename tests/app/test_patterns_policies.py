"""Unknown kinds of abuse, end to end on the generator with a campaign planted only in the
last week (a template no policy signal knows): `warden patterns` lists it first, new, with
its accounts; a policy drafted from it backtests against the planted truth, runs in shadow
(records hits, opens no case), goes live only with a second lead, then opens cases; every
step is audited. The Patterns and Policies pages in AppTest and in a real browser."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from app.cli import cli
from app.demo import analyst, generate
from app.sweep import sweep
from enforcement import cases as case_api
from enforcement.desk import Desk
from investigate import policies as policy_api
from tests.app.conftest import APP, PW, make_home, settled
from warden.config import load_config
from warden.errors import ConfigError
from warden.keys.keyring import Keyring, Unlock


@dataclass
class Planted:
    home: Path
    inbox: Path
    parts: list[bytes]  # later parts of the log, for the next sweeps
    ring: Keyring
    campaign: set[str]  # pseudonyms of the planted campaign's accounts

    def desk(self) -> Desk:
        return Desk.open(load_config(self.home), self.ring)

    def next_sweep(self) -> Any:
        settled(self.inbox / f"part{len(self.parts)}.jsonl", self.parts.pop(0))
        return sweep(load_config(self.home), self.ring, inbox=self.inbox)


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Planted]:
    root = tmp_path_factory.mktemp("emerging")
    logs = root / "logs"
    generate(logs, accounts=200, seed=5, variant="emerging")
    home = make_home(root / "home")
    ring = Keyring.open(home, Unlock(passphrase=PW))
    lines = (logs / "usage.jsonl").read_bytes().splitlines(keepends=True)
    a, b = len(lines) * 96 // 100, len(lines) * 98 // 100
    inbox = root / "inbox"
    inbox.mkdir()
    truth = analyst.truth_by_pseudonym(logs / "truth", ring)
    campaign = {p for p, t in truth.items() if t.archetype == "emerging_campaign"}
    assert len(campaign) == 10
    p = Planted(
        home,
        inbox,
        [b"".join(lines[:a]), b"".join(lines[a:b]), b"".join(lines[b:])],
        ring,
        campaign,
    )
    p.next_sweep()
    yield p


def _cli(home: Path, user: str, *args: str) -> Any:
    env = {"WARDEN_HOME": str(home), "WARDEN_PASSPHRASE": PW, "WARDEN_USER": user}
    return CliRunner().invoke(cli, list(args), env=env)


def _audit(home: Path, action: str) -> list[tuple[str, str]]:
    with Desk.open(load_config(home), None).store.read() as con:
        return con.execute(
            "SELECT actor, subject FROM audit_log WHERE action = ? ORDER BY seq", [action]
        ).fetchall()


def _write_policy(home: Path, name: str, **changes: Any) -> None:
    path = home / "policies" / f"{name}.toml"
    text = path.read_text()
    for key, value in changes.items():
        lines = [ln for ln in text.splitlines() if not ln.startswith(f"{key} = ")]
        text = "\n".join([*lines, f"{key} = {json.dumps(value)}"]) + "\n"
    path.write_text(text)


def test_a_planted_campaign_becomes_a_live_policy(planted: Planted) -> None:
    home = planted.home
    out = _cli(home, "alice", "patterns", "--window", "7d", "--format", "json")
    assert out.exit_code == 0, out.output
    found = json.loads(out.output)
    first = found[0]
    for key in ("pattern", "size", "accounts", "trend", "terms", "examples"):
        assert key in first
    # first, new (not seen the week before), and its accounts are the planted ones
    assert first["trend"] == "new" and first["previous"] == 0
    # (the last 4% of the log, held back for the next sweeps, holds the tenth account)
    assert set(first["members"]) <= planted.campaign and first["accounts"] >= 9
    assert first["new_accounts"] == first["accounts"] and len(first["examples"]) == 5
    assert {"caller", "script"} <= set(first["terms"])
    assert all(p["pattern"] not in {first["pattern"]} for p in found[1:])
    pid = first["pattern"]
    # name it, mark it, draft a policy from it (analyst), backtest it over 90 days
    assert (
        _cli(
            home, "alice", "patterns", "mark", pid, "--name", "vishing", "--as", "abusive"
        ).exit_code
        == 0
    )
    draft = _cli(
        home,
        "alice",
        "policies",
        "draft",
        "--from-pattern",
        pid,
        "--name",
        "vishing",
        "--policy",
        "spam",
    )
    assert draft.exit_code == 0, draft.output
    bt = json.loads(
        _cli(
            home, "alice", "policies", "backtest", "vishing", "--window", "90d", "--format", "json"
        ).output
    )
    flagged = set(bt["flagged"])
    tp = len(flagged & planted.campaign)
    precision, recall = tp / max(1, len(flagged)), tp / len(planted.campaign)
    print(f"backtest against the planted truth: precision {precision:.2f}, recall {recall:.2f}")
    assert precision >= 0.9 and recall >= 0.9
    assert sum(n for _, _, n in bt["daily"]) == len(flagged)
    # shadow: an analyst may not put it there; a lead may; a sweep records, opens nothing
    _write_policy(home, "vishing", state="shadow")
    refused = _cli(home, "alice", "policies", "sync")
    assert refused.exit_code == 1 and "lead" in refused.output
    assert _cli(home, "bob", "policies", "sync").exit_code == 0
    before = {c.case_id for c in case_api.list_cases(planted.desk(), limit=10_000)}
    shadow = planted.next_sweep()
    assert shadow.policy_hits.get("vishing@v1 (shadow)", 0) >= 9
    opened = [
        c for c in case_api.list_cases(planted.desk(), limit=10_000) if c.case_id not in before
    ]
    assert not any("policy vishing" in (c.top_reason or "") for c in opened)
    # live: asked by one lead, approved by another
    _write_policy(home, "vishing", state="live")
    assert _cli(home, "bob", "policies", "sync").exit_code == 0
    own = _cli(home, "bob", "policies", "approve", "vishing")
    assert own.exit_code == 1 and "four eyes" in own.output
    assert _cli(home, "carol", "policies", "approve", "vishing").exit_code == 0
    listed = json.loads(_cli(home, "alice", "policies", "--format", "json").output)
    mine = [r for r in listed if r["name"] == "vishing"]
    assert mine == [dict(mine[0], version=1, state="live")]
    assert {r["state"] for r in listed if r["kind"] == "signal"} == {"live"}
    live = planted.next_sweep()
    assert live.policy_hits.get("vishing@v1 (live)", 0) >= 9
    cased = {
        c.subject
        for c in case_api.list_cases(planted.desk(), limit=10_000)
        if "policy vishing v1" in (c.top_reason or "")
    }
    assert len(cased & planted.campaign) >= 9
    # a changed definition needs a new version
    _write_policy(home, "vishing", min_hits=2)
    same = _cli(home, "bob", "policies", "sync")
    assert same.exit_code == 1 and "raise `version`" in same.output
    for action, actor in (
        ("patterns.found", "alice"),
        ("pattern.marked", "alice"),
        ("policy.drafted", "alice"),
        ("policy.approved", "carol"),
    ):
        assert (actor, "vishing" if action.startswith("policy") else None) in [
            (a, s if action.startswith("policy") else None) for a, s in _audit(home, action)
        ], action
    changed = _audit(home, "policy.changed")
    assert [a for a, _ in changed] == ["bob", "bob"]


@pytest.mark.parametrize(
    ("where", "complaint"),
    [
        ("n_events > 1; DROP TABLE events", "may hold feature names"),
        ("n_events > 1 OR (SELECT 1) = 1", "'SELECT', which is no feature"),
        ("read_csv('/etc/passwd') IS NULL", "'read_csv', which is no feature"),
        ("(jailbreak_rate > 0.5", "parenthesis open"),
    ],
)
def test_a_feature_predicate_runs_no_other_sql(where: str, complaint: str, tmp_path: Path) -> None:
    cfg = load_config(make_home(tmp_path / "h"))
    body = {
        "name": "x-policy",
        "version": 1,
        "owner": "bob",
        "severity": "low",
        "action": "warn",
        "policy": "other",
        "state": "draft",
        "rationale": "a test of what a predicate may say",
        "where": where,
    }
    with pytest.raises(ConfigError, match=complaint.replace("(", r"\(")):
        policy_api.parse(body, "x-policy.toml", cfg)
    ok = policy_api.parse(
        body | {"where": "jailbreak_rate >= 0.3 AND NOT n_events < 20"}, "x-policy.toml", cfg
    )
    assert ok.where.startswith("jailbreak_rate")


def test_patterns_and_policies_pages(planted: Planted, as_user: Any) -> None:
    from streamlit.testing.v1 import AppTest

    as_user(planted.home, "alice")
    at = AppTest.from_file(str(APP / "views" / "patterns.py"), default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    table = at.dataframe[0].value
    assert table["trend"][0] == "new" and table["accounts"][0] >= 9
    assert not at.text  # examples stay hidden until asked for
    at.toggle[0].set_value(True).run()
    assert len(at.text) == 5
    at = AppTest.from_file(str(APP / "views" / "policies.py"), default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    listed = at.dataframe[0].value
    assert "vishing" in list(listed["policy"])
    metrics = {m.label: m.value for m in at.metric}
    assert int(metrics["Accounts flagged"]) >= 9
    hits = at.dataframe[1].value
    assert {"shadow", "live"} <= set(hits["state"])


@pytest.mark.browser
def test_patterns_and_policies_in_a_browser(planted: Planted) -> None:
    from playwright.sync_api import expect, sync_playwright

    from tests.app.test_browser import _launch, _need_chromium, _start, _stop

    _need_chromium()
    url, proc = _start(planted.home, "alice")
    try:
        with sync_playwright() as p:
            browser = _launch(p)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(url + "/patterns")
            find = page.get_by_role("button", name="Find patterns now")
            expect(find).to_be_visible(timeout=30_000)
            find.click()
            expect(page.get_by_text("patterns in")).to_be_visible(timeout=60_000)
            words = page.get_by_text("Distinctive words:")
            expect(words).to_be_visible()
            # the paragraph, not the table: the grid's cells are drawn on a canvas and
            # their accessible copies stay hidden
            expect(words).to_contain_text("caller")
            page.goto(url + "/policies")
            expect(page.get_by_text("Shadow beside live")).to_be_visible(timeout=30_000)
            expect(page.get_by_role("heading", name="Backtest")).to_be_visible()
            browser.close()
    finally:
        _stop(proc)


def test_the_notebook_calls_the_same_functions(planted: Planted) -> None:
    from app.notebook import Workspace

    ws = Workspace(planted.home, user="alice", passphrase=PW)
    found = ws.patterns()
    assert found["trend"][0] == "new" and found["accounts"][0] >= 9
    listed = ws.policies()
    assert "vishing" in list(listed["name"])
    bt = ws.backtest("vishing", 90)
    assert len(set(bt["flagged"]) & planted.campaign) >= 9
    assert ("alice", None) in [(a, None) for a, _ in _audit(planted.home, "patterns.found")]


def test_terms_match_whole_words_in_any_script(tmp_path: Path) -> None:
    from datetime import UTC, datetime, timedelta

    from warden.store import Store

    cfg = load_config(make_home(tmp_path / "h"))
    store = Store(cfg.db_path)
    t0 = datetime(2026, 10, 1, tzinfo=UTC)
    texts = {
        "a": ["Write the caller's phone-call SCRIPT", "caller script, call now", "call script"],
        "b": ["recall the scripts of callers"] * 3,  # parts of words: no match
        "c": ["Напиши скрипт звонка", "скрипт звонка банка", "звонка скрипт"],
    }
    with store.write() as con:
        for account, prompts in texts.items():
            for i, text in enumerate(prompts):
                con.execute(
                    "INSERT INTO events (request_id, ts, account, endpoint, input_text, "
                    "key_version, source_hash, ingested_at) VALUES (?, ?, ?, '/v1/chat', ?, 1, "
                    "'t', ?)",
                    [f"{account}{i}", t0 + timedelta(hours=i), account, text, t0],
                )
    body = {
        "name": "calls",
        "version": 1,
        "owner": "bob",
        "severity": "low",
        "action": "warn",
        "policy": "other",
        "state": "draft",
        "rationale": "whole words in any script",
        "terms": ["call", "Script", "скрипт", "звонка"],
        "min_terms": 2,
        "min_hits": 3,
    }
    d = policy_api.parse(body, "calls.toml", cfg)
    with store.read() as con:
        found = policy_api.matches(con, d, t0, t0 + timedelta(days=1))
    assert found == {"a": 3, "c": 3}
