"""The reads the dashboard, the command line and the notebook share."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import cli
from investigate import evidence
from investigate.features import FEATURES
from tests.app.conftest import PW
from warden.config import load_config
from warden.store import Store


@pytest.fixture(scope="module")
def store(swept_home: Path) -> Store:
    return Store(load_config(swept_home).db_path)


def test_scores_and_run(store: Store) -> None:
    run = evidence.latest_run(store)
    assert run is not None and run.accounts > 0
    ranked = evidence.scores(store)
    assert len(ranked) == run.accounts
    assert [r.score for r in ranked] == sorted((r.score for r in ranked), reverse=True)
    top = ranked[0]
    assert evidence.account_score(store, top.account) == top
    assert set(evidence.account_features(store, top.account)) == set(FEATURES)
    assert evidence.account_score(store, "ac_v1_" + "0" * 32) is None


def test_feature_deviation_covers_every_feature_most_deviating_first(store: Store) -> None:
    top = evidence.scores(store, limit=1)[0]
    rows = evidence.feature_deviation(store, [top.account])
    assert {d.feature for d in rows} == set(FEATURES)
    spread = [d.distance for d in rows]
    assert spread == sorted(spread, reverse=True)
    assert evidence.feature_deviation(store, ["ac_v1_" + "0" * 32]) == []


def test_group_links_are_shared_by_two_members_or_more(store: Store) -> None:
    groups = evidence.groups(store)
    assert groups and groups == sorted(groups, key=lambda g: -g.risk)
    links = evidence.group_links(store, groups[0].members)
    assert links
    by_node: dict[str, set[str]] = {}
    for link in links:
        assert link.account in groups[0].members and link.kind in ("network", "template")
        by_node.setdefault(link.node, set()).add(link.account)
    assert all(len(accounts) > 1 for accounts in by_node.values())


def test_events_and_activity_agree(store: Store) -> None:
    top = evidence.scores(store, limit=1)[0]
    hours = evidence.activity(store, [top.account])
    total = sum(h.requests for h in hours)
    rows = evidence.events(store, accounts=[top.account], limit=None)
    assert len(rows) == total == evidence.events_table(store, accounts=[top.account]).num_rows
    assert sum(h.flagged for h in hours) == sum(bool(r.flagged) for r in rows)
    assert all(r.account == top.account for r in rows)
    assert [r.ts for r in rows] == sorted((r.ts for r in rows), reverse=True)


def _cli(home: Path, *args: str) -> str:
    r = CliRunner().invoke(
        cli, ["--home", str(home), *args], env={"WARDEN_PASSPHRASE": PW, "WARDEN_USER": "alice"}
    )
    assert r.exit_code == 0, r.output
    return r.output


def test_the_cli_shows_what_the_dashboard_shows(swept_home: Path, store: Store) -> None:
    groups = json.loads(_cli(swept_home, "groups", "--json"))
    assert [g["group_id"] for g in groups] == [g.group_id for g in evidence.groups(store)]
    first = groups[0]["group_id"]
    links = json.loads(_cli(swept_home, "groups", "--show", first, "--json"))
    assert len(links) == len(evidence.group_links(store, groups[0]["members"]))
    sweeps = json.loads(_cli(swept_home, "sweeps", "--json"))
    assert sweeps and sweeps[0]["status"] == "done"
    log = json.loads(_cli(swept_home, "audit", "log", "--json", "--action", "case.opened"))
    assert log and {e["action"] for e in log} == {"case.opened"}
    assert (
        "no group"
        in CliRunner().invoke(cli, ["--home", str(swept_home), "groups", "--show", "G0"]).output
    )


def test_activity_has_its_gaps_and_events_page_and_search(store: Store) -> None:
    top = evidence.scores(store, limit=1)[0]
    days = evidence.activity(store, [top.account], bucket="day")
    steps = {(b.hour - a.hour).total_seconds() for a, b in itertools.pairwise(days)}
    assert steps <= {86400.0}  # one bucket per day, empty days included as zeros
    hours = evidence.activity(store, [top.account], bucket="hour")
    assert sum(h.requests for h in hours) == sum(d.requests for d in days)
    first = evidence.events(store, accounts=[top.account], limit=5)
    second = evidence.events(store, accounts=[top.account], limit=5, offset=5)
    assert first and {e.request_id for e in first}.isdisjoint(e.request_id for e in second)
    word = next(w for e in first for w in (e.prompt or "").split() if w.isalpha() and len(w) > 4)
    found = evidence.events(store, accounts=[top.account], limit=None, search=word.upper())
    assert found and all(
        word.lower() in ((e.prompt or "") + (e.completion or "")).lower() for e in found
    )
    assert evidence.events(store, accounts=[top.account], search="%_no such text_%") == []


def test_deviation_is_against_usage_peers_and_skips_absent_features(store: Store) -> None:
    top = evidence.scores(store, limit=1)[0]
    rows = evidence.feature_deviation(store, [top.account])
    assert rows and rows[0].peers in ("chat", "embeddings", "moderations", "everyone")
