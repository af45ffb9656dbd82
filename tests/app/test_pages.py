"""AppTest for every page: with data and empty; the decision flow; four eyes in the UI;
an analyst does not see lead-only actions; no identity, no access."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from .conftest import APP, make_home

PAGES = ["queue", "case", "groups", "explore", "audit", "admin"]


def run(page: str) -> AppTest:
    return AppTest.from_file(str(APP / "views" / f"{page}.py"), default_timeout=60).run()


def widget(at: AppTest, kind: str, label: str) -> Any:
    found = [w for w in getattr(at, kind) if w.label == label]
    assert found, f"no {kind} labelled {label!r}: {[w.label for w in getattr(at, kind)]}"
    return found[0]


def labels(at: AppTest) -> list[str]:
    return [b.label for b in at.button]


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_with_data(page: str, swept_home: Path, as_user: Any) -> None:
    as_user(swept_home, "alice")
    at = run(page)
    assert not at.exception, [e.value for e in at.exception]
    assert any("Development login" in w.value for w in at.warning)


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_empty(page: str, tmp_path: Path, as_user: Any) -> None:
    home = make_home(tmp_path / "empty")
    as_user(home, "alice")
    at = run(page)
    assert not at.exception, [e.value for e in at.exception]


def test_no_identity_no_access(swept_home: Path, as_user: Any) -> None:
    as_user(swept_home, None)
    at = run("queue")
    assert any("No identity is configured" in e.value for e in at.error)
    assert not at.dataframe
    as_user(swept_home, "mallory")
    at = run("queue")
    assert any("has no role" in e.value for e in at.error)


def _open_case(home: Path) -> str:
    import duckdb

    with duckdb.connect(str(home / "warden.duckdb"), read_only=True) as con:
        row = con.execute(
            "SELECT case_id FROM cases WHERE state = 'open' AND NOT held ORDER BY case_id LIMIT 1"
        ).fetchone()
    assert row
    return str(row[0])


def _audit(home: Path, action: str) -> list[tuple[Any, ...]]:
    import duckdb

    with duckdb.connect(str(home / "warden.duckdb"), read_only=True) as con:
        return con.execute(
            "SELECT actor, subject FROM audit_log WHERE action = ?", [action]
        ).fetchall()


def test_decision_flow_writes_decision_and_audit(swept_home: Path, as_user: Any) -> None:
    as_user(swept_home, "alice")
    cid = _open_case(swept_home)
    at = run("queue")
    widget(at, "selectbox", "Case").set_value(cid)
    widget(at, "button", "Claim").click()
    at.run()
    assert any("is yours until" in s.value for s in at.success), [e.value for e in at.error]
    at = AppTest.from_file(str(APP / "views" / "case.py"), default_timeout=60)
    at.session_state["case_id"] = cid
    at.run()
    widget(at, "selectbox", "Action").set_value("warn")
    widget(at, "selectbox", "Policy").set_value("spam")
    widget(at, "text_area", "Rationale (required: the statement of reasons)").input(
        "Runs one phishing template from a shared network with several new accounts."
    )
    at.button[[b.label for b in at.button].index("Record decision")].click()
    at.run()
    assert any(f"recorded on {cid}" in s.value for s in at.success), [e.value for e in at.error]
    assert ("alice (dev-user)", cid) in _audit(swept_home, "decision.recorded")


def test_four_eyes_in_the_ui(swept_home: Path, as_user: Any) -> None:
    from enforcement import cases, decisions
    from enforcement.desk import Desk
    from redaction.keyring import Keyring, Unlock
    from warden.config import load_config

    from .conftest import PW

    cid = _open_case(swept_home)
    desk = Desk.open(load_config(swept_home), Keyring.open(swept_home, Unlock(passphrase=PW)))
    cases.claim(desk, "bob (dev-user)", cid)
    did = decisions.decide(
        desk,
        "bob (dev-user)",
        cid,
        "ban",
        "jailbreak",
        "Runs the same jailbreak template as a ring of new accounts.",
    )
    for user, sees in (("bob", False), ("alice", False), ("carol", True)):
        as_user(swept_home, user)
        at = AppTest.from_file(str(APP / "views" / "case.py"), default_timeout=60)
        at.session_state["case_id"] = cid
        at.run()
        assert (f"Approve {did}" in labels(at)) is sees, (user, labels(at))
    at.button[labels(at).index(f"Approve {did}")].click()
    at.run()
    assert ("carol (dev-user)", cid) in _audit(swept_home, "decision.approved")


def test_analyst_does_not_see_lead_actions(swept_home: Path, as_user: Any) -> None:
    as_user(swept_home, "alice")
    at = run("audit")
    assert not at.get("download_button")
    as_user(swept_home, "carol")
    at = run("audit")
    assert at.get("download_button")
