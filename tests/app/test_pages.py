"""AppTest for every page: with data and empty; the decision flow; four eyes in the UI;
an analyst does not see lead-only actions; no identity, no access."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from streamlit.testing.v1 import AppTest

from app.cli import cli

from .conftest import APP, make_home

PAGES = ["queue", "case", "groups", "explore", "audit", "admin", "model", "patterns", "policies"]


def run(page: str) -> AppTest:
    return AppTest.from_file(str(APP / "views" / f"{page}.py"), default_timeout=60).run()


def widget(at: AppTest, kind: str, label: str) -> Any:
    found = [w for w in getattr(at, kind) if w.label == label]
    assert found, f"no {kind} labelled {label!r}: {[w.label for w in getattr(at, kind)]}"
    return found[0]


def labels(at: AppTest) -> list[str]:
    return [b.label for b in at.button]


def _rows(home: Path, sql: str) -> list[tuple[Any, ...]]:
    import duckdb

    with duckdb.connect(str(home / "warden.duckdb"), read_only=True) as con:
        return con.execute(sql).fetchall()


def _frame(at: AppTest, i: int = 0) -> Any:
    assert len(at.dataframe) > i, f"page shows {len(at.dataframe)} tables"
    return at.dataframe[i].value


def _check_queue(at: AppTest, home: Path) -> None:
    open_ids = sorted(
        r[0]
        for r in _rows(
            home, "SELECT case_id FROM cases WHERE NOT held AND state NOT IN ('decided', 'closed')"
        )
    )
    assert open_ids
    assert sorted(_frame(at)["case"]) == open_ids
    assert sorted(widget(at, "selectbox", "Case").options) == open_ids
    assert f"{len(open_ids)} cases" in at.caption[0].value


def _check_case(at: AppTest, home: Path) -> None:
    assert [m.label for m in at.metric][:2] == ["Risk", "State"]
    assert "Why flagged" in [h.value for h in at.subheader]
    events = _frame(at)
    assert len(events) > 0
    assert all(a.startswith("ac_v1_") for a in events["account"])
    # the page opens on the newest case; what alice (an analyst) may do depends on its state
    state, assignee = _rows(
        home, "SELECT state, assignee FROM cases ORDER BY case_id DESC LIMIT 1"
    )[0]
    if state in ("open", "in_review", "appealed") and assignee != "alice (dev-user)":
        assert "Claim this case" in labels(at)
    elif state == "decided":
        assert "File appeal" in labels(at)


def _check_groups(at: AppTest, home: Path) -> None:
    (n,) = _rows(
        home,
        "SELECT count(*) FROM account_groups WHERE run_id = "
        "(SELECT run_id FROM detection_runs ORDER BY finished_at DESC LIMIT 1)",
    )[0]
    assert n >= 1 and len(_frame(at)) == n


def _check_explore(at: AppTest, home: Path) -> None:
    charts = at.get("arrow_vega_lite_chart") + at.get("vega_lite_chart")
    assert charts, "no map on the Explore page"


def _check_audit(at: AppTest, home: Path) -> None:
    (n,) = _rows(home, "SELECT count(*) FROM audit_log")[0]
    assert any(s.value.startswith(f"OK: {n} entries") for s in at.success)
    assert len(_frame(at)) == n


def _check_admin(at: AppTest, home: Path) -> None:
    assert sorted(_frame(at, 0)["user"]) == ["alice", "bob", "carol"]
    assert len(_frame(at, 2)) == len(_rows(home, "SELECT sweep_id FROM sweep_runs"))


def _check_model(at: AppTest, home: Path) -> None:
    decided = _rows(
        home,
        "SELECT count(DISTINCT c.subject) FROM decisions d JOIN cases c USING (case_id) "
        "WHERE c.kind = 'account' AND d.action NOT IN ('suspend', 'ban')",
    )[0][0]
    metrics = {m.label: m.value for m in at.metric}
    assert int(metrics["Decided accounts"]) >= decided
    assert metrics["Live model"] == "none"


def _check_patterns(at: AppTest, home: Path) -> None:
    (n,) = _rows(home, "SELECT count(*) FROM patterns")[0]
    if n == 0:
        assert any("No patterns found yet" in i.value for i in at.info)
    else:
        assert len(_frame(at)) > 0


def _check_policies(at: AppTest, home: Path) -> None:
    from warden.config import load_config

    signals = load_config(home).detection.signals
    listed = _frame(at)
    assert set(listed["policy"]) >= {s.name for s in signals}


EMPTY = {
    "queue": "No cases match",
    "case": "No cases yet",
    "groups": "No coordinated group",
    "explore": "No detection run yet",
    "model": "decided accounts needed before a model is trained",
    "patterns": "No patterns found yet",
}
CHECKS = {
    "queue": _check_queue,
    "case": _check_case,
    "groups": _check_groups,
    "explore": _check_explore,
    "audit": _check_audit,
    "admin": _check_admin,
    "model": _check_model,
    "patterns": _check_patterns,
    "policies": _check_policies,
}


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_with_data(page: str, swept_home: Path, as_user: Any) -> None:
    """Each page shows what the store holds (compared with the store itself)."""
    as_user(swept_home, "alice")
    at = run(page)
    assert not at.exception, [e.value for e in at.exception]
    assert any("Development login" in w.value for w in at.warning)
    CHECKS[page](at, swept_home)


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_empty(page: str, tmp_path: Path, as_user: Any) -> None:
    home = make_home(tmp_path / "empty")
    as_user(home, "alice")
    at = run(page)
    assert not at.exception, [e.value for e in at.exception]
    if page in EMPTY:  # says why there is nothing, and shows no table of nothing
        assert any(EMPTY[page] in i.value for i in at.info), [i.value for i in at.info]
        assert all(len(d.value) == 0 for d in at.dataframe)
    elif page == "audit":
        assert any(s.value.startswith("OK: 0 entries") for s in at.success), at.success


def test_no_identity_no_access(swept_home: Path, as_user: Any) -> None:
    as_user(swept_home, None)
    at = run("queue")
    assert any("No identity is configured" in e.value for e in at.error)
    assert not at.dataframe
    as_user(swept_home, "mallory")
    at = run("queue")
    assert any("has no role" in e.value for e in at.error)


def test_a_wrong_passphrase_is_an_error_not_a_silent_read_only_desk(
    tmp_path: Path, as_user: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = make_home(tmp_path / "wrongpw")
    as_user(home, "alice")
    monkeypatch.setenv("WARDEN_PASSPHRASE", "not the passphrase")
    at = run("queue")
    assert any("Cannot open the Warden home" in e.value for e in at.error)
    assert "not the passphrase" not in str([e.value for e in at.error])
    assert not at.dataframe


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
    assert not _rows(swept_home, f"SELECT 1 FROM decisions WHERE case_id = '{cid}'")
    assert any("Record **warn** under **spam**" in i.value for i in at.info)
    at.button[labels(at).index("Confirm decision")].click()
    at.run()
    assert any(f"recorded on {cid}" in s.value for s in at.success), [e.value for e in at.error]
    assert ("alice (dev-user)", cid) in _audit(swept_home, "decision.recorded")


def test_four_eyes_in_the_ui(swept_home: Path, as_user: Any) -> None:
    from enforcement import cases, decisions
    from enforcement.desk import Desk
    from warden.config import load_config
    from warden.keys.keyring import Keyring, Unlock

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


def test_failed_action_keeps_its_error_and_reports_no_success(
    swept_home: Path, as_user: Any
) -> None:
    """Release of a case someone else holds fails: the page shows the error and never
    says "released"."""
    from enforcement import cases
    from enforcement.desk import Desk
    from warden.config import load_config

    cid = _open_case(swept_home)
    cases.claim(Desk.open(load_config(swept_home), None), "bob (dev-user)", cid)
    as_user(swept_home, "alice")
    at = run("queue")
    widget(at, "selectbox", "Case").set_value(cid)
    widget(at, "button", "Release").click()
    at.run()
    assert [e.value for e in at.error if e.value.startswith("Release:")], at.error
    assert not at.success
    with __import__("duckdb").connect(str(swept_home / "warden.duckdb"), read_only=True) as con:
        assert con.execute("SELECT assignee FROM cases WHERE case_id = ?", [cid]).fetchone() == (
            "bob (dev-user)",
        )


def test_the_config_file_given_to_the_dashboard_is_honoured(
    tmp_path: Path, as_user: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`warden --config FILE dashboard` passes FILE on (WARDEN_CONFIG): its settings win."""
    home = make_home(tmp_path / "cfg")
    extra = tmp_path / "extra.toml"
    extra.write_text('[enforcement.roles]\nmallory = "lead"\n')
    as_user(home, "mallory")
    at = run("queue")
    assert any("has no role" in e.value for e in at.error)
    home2 = make_home(tmp_path / "cfg2")
    as_user(home2, "mallory")
    monkeypatch.setenv("WARDEN_CONFIG", str(extra))
    at = run("queue")
    assert not any("has no role" in e.value for e in at.error)


def test_case_in_the_url_and_policy_is_a_marked_suggestion(
    swept_home: Path, tmp_path: Path, as_user: Any
) -> None:
    import shutil

    from enforcement import cases
    from enforcement.desk import Desk
    from warden.config import load_config

    # the sweep suggested policies when it opened cases (its audit entries say which)
    opened = [
        json.loads(d)
        for (d,) in _rows(swept_home, "SELECT details FROM audit_log WHERE action = 'case.opened'")
    ]
    assert any(d.get("policy") for d in opened), "the sweep should suggest a policy"
    home = Path(shutil.copytree(swept_home, tmp_path / "home"))
    s = "ac_v1_" + "p" * 32
    with_policy, _ = cases.open_or_update(
        Desk.open(load_config(home), None),
        kind="account",
        subject=s,
        members=[s],
        risk=0.9,
        reasons=["r"],
        policy="jailbreak",
    )
    as_user(home, "carol")
    at = AppTest.from_file(str(APP / "views" / "case.py"), default_timeout=60)
    at.query_params["case"] = with_policy
    at.run()
    assert widget(at, "selectbox", "Case").value == with_policy
    assert widget(at, "selectbox", "Policy").value == "jailbreak"
    assert any("Suggested from the policy signals" in c.value for c in at.caption)
    assert any("second lead approves" in c.value for c in at.caption)
    # leads get the actions that were command-line only
    assert {"Reassign", "Escalate to a lead"} <= set(labels(at))
    as_user(home, "alice")
    at = AppTest.from_file(str(APP / "views" / "case.py"), default_timeout=60)
    at.query_params["case"] = with_policy
    at.run()
    assert "Reassign" not in labels(at) and "Escalate to a lead" in labels(at)


def test_no_policy_is_chosen_for_the_analyst(tmp_path: Path, as_user: Any) -> None:
    """A case without a suggestion starts with no policy, and deciding without one says
    what is missing instead of recording the first policy of the list."""
    from enforcement import cases
    from enforcement.desk import Desk
    from warden.config import load_config

    home = make_home(tmp_path / "nopolicy")
    desk = Desk.open(load_config(home), None)
    s = "ac_v1_" + "c" * 32
    cid, _ = cases.open_or_update(
        desk, kind="account", subject=s, members=[s], risk=0.7, reasons=["unusual: x"]
    )
    cases.claim(desk, "alice (dev-user)", cid)
    as_user(home, "alice")
    at = AppTest.from_file(str(APP / "views" / "case.py"), default_timeout=60)
    at.query_params["case"] = cid
    at.run()
    assert widget(at, "selectbox", "Policy").value is None
    widget(at, "selectbox", "Action").set_value("warn")
    widget(at, "text_area", "Rationale (required: the statement of reasons)").input(
        "Line one of the statement.\nLine two: the evidence that was reviewed here."
    )
    at.button[labels(at).index("Record decision")].click()
    at.run()
    assert any("choose the policy" in e.value for e in at.error)
    assert not _rows(home, "SELECT * FROM decisions")
    widget(at, "selectbox", "Policy").set_value("spam")
    at.button[labels(at).index("Record decision")].click()
    at.run()
    at.button[labels(at).index("Confirm decision")].click()
    at.run()
    [(rationale,)] = _rows(home, "SELECT rationale FROM decisions")
    assert rationale == "Line one of the statement.\nLine two: the evidence that was reviewed here."
    assert any(
        "D000001" in m.value and "alice" in m.value and "UTC" in m.value for m in at.markdown
    )


def test_approvals_inbox_and_every_state_listable(tmp_path: Path, as_user: Any) -> None:
    from enforcement import cases, decisions, reid
    from enforcement.desk import Desk
    from warden.config import load_config
    from warden.keys.keyring import Keyring, Unlock

    from .conftest import PW

    home = make_home(tmp_path / "inbox")
    desk = Desk.open(load_config(home), Keyring.open(home, Unlock(passphrase=PW)))
    ids = []
    for k in range(3):
        s = f"ac_v1_{k:032d}"
        cid, _ = cases.open_or_update(
            desk, kind="account", subject=s, members=[s], risk=0.9, reasons=["r"]
        )
        ids.append(cid)
    cases.claim(desk, "bob (dev-user)", ids[0])
    did = decisions.decide(
        desk, "bob (dev-user)", ids[0], "ban", "spam", "Phishing at scale from a ring."
    )
    cases.claim(desk, "alice (dev-user)", ids[1])
    decisions.decide(
        desk, "alice (dev-user)", ids[1], "warn", "spam", "One phishing template, warned."
    )
    reid.request(desk, "alice (dev-user)", ids[2], "Needed to answer a subpoena about it.")
    assert [p.decision_id for p in decisions.awaiting_approval(desk, "carol (dev-user)")] == [did]
    assert decisions.awaiting_approval(desk, "bob") == []  # four eyes: not his own
    assert decisions.awaiting_approval(desk, "alice") == []  # not a lead
    as_user(home, "carol")
    at = run("queue")
    toggle = at.toggle[0]
    assert "1 decision(s), 1 re-identification" in toggle.label
    toggle.set_value(True).run()
    assert sorted(_frame(at)["case"]) == sorted([ids[0], ids[2]])
    # decided cases can be listed too
    at = run("queue")
    widget(at, "multiselect", "State").set_value(["decided"]).run()
    assert list(_frame(at)["case"]) == [ids[1]]
    out = CliRunner().invoke(
        cli, ["--home", str(home), "cases", "inbox"], env={"WARDEN_USER": "carol"}
    )
    assert did in out.output and "re-identification by alice" in out.output


def test_evidence_viewer_hides_flagged_content_and_searches(swept_home: Path, as_user: Any) -> None:
    [(cid,)] = _rows(
        swept_home,
        "SELECT c.case_id FROM cases c WHERE c.kind = 'account' AND EXISTS (SELECT 1 FROM events e "
        "WHERE e.account = c.subject AND e.flagged) ORDER BY c.case_id LIMIT 1",
    )
    as_user(swept_home, "alice")
    at = AppTest.from_file(str(APP / "views" / "case.py"), default_timeout=60)
    at.query_params["case"] = cid
    at.run()
    shown = _frame(at)
    flagged = shown[shown["flagged"] == True]  # noqa: E712
    assert len(flagged) and set(flagged["prompt"]) == {"[flagged: hidden]"}
    at.toggle[[t.label for t in at.toggle].index("Show flagged content")].set_value(True).run()
    shown = _frame(at)
    assert "[flagged: hidden]" not in set(shown["prompt"])
    word = next(w for p in shown["prompt"] for w in str(p).split() if w.isalpha() and len(w) > 5)
    widget(at, "text_input", "Search the prompts and answers").input(word).run()
    hits = _frame(at)
    assert len(hits) and all(
        word.lower() in (str(p) + str(a)).lower()
        for p, a in zip(hits["prompt"], hits["answer"], strict=True)
    )
    # the feature chart speaks the features' names, not column names
    specs = " ".join(
        c.proto.spec + " ".join(d.data.data.decode(errors="replace") for d in c.proto.datasets)
        for c in at.get("arrow_vega_lite_chart") + at.get("vega_lite_chart")
    )
    assert "peers' median" in specs and "x typical" in specs
    assert "hour_entropy" not in specs and "per_active_hour" not in specs


def test_reidentification_scope_comment_and_expiry_on_screen(tmp_path: Path, as_user: Any) -> None:
    import duckdb

    from enforcement import cases, reid
    from enforcement.desk import Desk
    from redaction.ingest import Ingestor
    from warden.config import load_config
    from warden.keys.keyring import Keyring, Unlock

    from .conftest import PW

    home = make_home(tmp_path / "reid")
    cfg = load_config(home)
    ring = Keyring.open(home, Unlock(passphrase=PW))
    log = tmp_path / "log.jsonl"
    log.write_text(
        json.dumps(
            {
                "request_id": "r1",
                "timestamp": "2026-10-01T10:00:00Z",
                "account_id": "acct_reid_1",
                "user_email": "wanda@example.org",
                "ip_address": "203.0.113.9",
                "endpoint": "/v1/chat/completions",
                "messages": [{"role": "user", "content": "hello"}],
            }
        )
        + "\n"
    )
    from warden.store import Store

    Ingestor(Store(cfg.db_path), ring, cfg).ingest([log])
    desk = Desk.open(cfg, ring)
    [(subject,)] = _rows(home, "SELECT DISTINCT account FROM events")
    cid, _ = cases.open_or_update(
        desk, kind="account", subject=subject, members=[subject], risk=0.9, reasons=["r"]
    )
    rid = reid.request(
        desk, "alice (dev-user)", cid, "Law-enforcement request names its e-mail.", ["email"]
    )
    # the approving lead sees who asks, why, for what and for how long, and must comment
    as_user(home, "carol")
    at = AppTest.from_file(str(APP / "views" / "case.py"), default_timeout=60)
    at.query_params["case"] = cid
    at.run()
    texts = " ".join(t.value for t in at.text) + " ".join(m.value for m in at.markdown)
    assert "Law-enforcement request names its e-mail." in texts and "kinds: email" in texts
    assert any("for 60 minutes" in c.value for c in at.caption)
    at.button[labels(at).index(f"Approve {rid}")].click().run()
    assert any("say why" in e.value for e in at.error)
    widget(at, "text_area", "Your comment (required)").input("Subpoena 118 covers the e-mail.")
    at.button[labels(at).index(f"Approve {rid}")].click().run()
    [r] = reid.requests_for_case(desk, cid)
    assert r.state == "approved" and r.approver == "carol (dev-user)"
    # the requester reveals: only the e-mail
    as_user(home, "alice")
    at = AppTest.from_file(str(APP / "views" / "case.py"), default_timeout=60)
    at.query_params["case"] = cid
    at.run()
    at.button[labels(at).index(f"Reveal ({rid})")].click().run()
    [table] = at.table
    shown = table.value
    assert list(shown["kind"]) == ["email"] and list(shown["value"]) == ["wanda@example.org"]
    # the grant ends: the values leave the screen and the request reads "expired"
    with duckdb.connect(str(home / "warden.duckdb")) as con:
        con.execute(
            "UPDATE reid_requests SET expires_at = now() - INTERVAL 1 MINUTE WHERE request_id = ?",
            [rid],
        )
    at.run()
    assert not at.table
    assert any(f"**{rid}**" in m.value and "**expired**" in m.value for m in at.markdown)
    # a new request from the page: it names its kinds
    widget(at, "multiselect", "Identifier kinds needed (only these are revealed)").set_value(
        ["ip", "email"]
    )
    widget(at, "text_area", "Justification").input("Second subpoena names the IP as well.")
    at.button[labels(at).index("Request")].click().run()
    assert any("another lead must approve it" in x.value for x in at.success), at.error
    assert reid.requests_for_case(desk, cid)[-1].kinds == ["email", "ip"]


def test_next_case_walks_the_queue(swept_home: Path, tmp_path: Path, as_user: Any) -> None:
    import shutil

    from enforcement import cases
    from enforcement.desk import Desk
    from warden.config import load_config

    home = Path(shutil.copytree(swept_home, tmp_path / "home"))
    desk = Desk.open(load_config(home), None)
    for k in range(2):  # whatever earlier tests decided, the queue holds two more cases
        s = f"ac_v1_{'n' * 31}{k}"
        cases.open_or_update(desk, kind="account", subject=s, members=[s], risk=0.5, reasons=["r"])
    queue = [c.case_id for c in cases.list_cases(desk)]
    assert len(queue) >= 2
    as_user(home, "alice")
    at = AppTest.from_file(str(APP / "views" / "case.py"), default_timeout=60)
    at.query_params["case"] = queue[0]
    at.run()
    at.button[labels(at).index(f"Next case in the queue ({queue[1]})")].click().run()
    assert widget(at, "selectbox", "Case").value == queue[1]


def test_rationale_templates_kept_by_leads_used_by_analysts(tmp_path: Path, as_user: Any) -> None:
    from enforcement import cases, decisions
    from enforcement.desk import Desk
    from warden.config import load_config
    from warden.errors import PermissionDenied

    home = make_home(tmp_path / "tpl")
    desk = Desk.open(load_config(home), None)
    text = "Sent phishing e-mails impersonating a bank, against the spam policy, section 2."
    as_user(home, "carol")
    at = run("admin")
    widget(at, "selectbox", "Policy").set_value("spam").run()
    widget(at, "text_area", "Template").input(text).run()
    at.button[labels(at).index("Save template")].click().run()
    assert decisions.templates(desk) == {"spam": text}
    assert _audit(home, "template.updated") == [("carol (dev-user)", None)]
    with pytest.raises(PermissionDenied):
        decisions.set_template(desk, "alice", "spam", text)
    s = "ac_v1_" + "t" * 32
    cid, _ = cases.open_or_update(
        desk, kind="account", subject=s, members=[s], risk=0.9, reasons=["r"], policy="spam"
    )
    cases.claim(desk, "alice (dev-user)", cid)
    as_user(home, "alice")
    at = AppTest.from_file(str(APP / "views" / "case.py"), default_timeout=60)
    at.query_params["case"] = cid
    at.run()
    at.button[labels(at).index("Start from the spam template")].click().run()
    assert widget(at, "text_area", "Rationale (required: the statement of reasons)").value == text


def test_subject_page_for_an_account_and_a_group_with_notes(swept_home: Path, as_user: Any) -> None:
    [(account,)] = _rows(
        swept_home,
        "SELECT subject FROM cases WHERE kind = 'account' ORDER BY case_id LIMIT 1",
    )
    as_user(swept_home, "alice")
    at = AppTest.from_file(str(APP / "views" / "subject.py"), default_timeout=60)
    at.query_params["subject"] = account
    at.run()
    assert not at.exception
    assert [m.label for m in at.metric] == ["First seen", "Last seen", "Requests"]
    [(n,)] = _rows(swept_home, f"SELECT count(*) FROM events WHERE account = '{account}'")
    assert at.metric[2].value == f"{n:,}"
    assert any(
        f"Open {c}" in labels(at)
        for (c,) in _rows(swept_home, f"SELECT case_id FROM cases WHERE subject = '{account}'")
    )
    # a note with personal data is refused, naming what was found, never the value
    widget(at, "text_area", "New note").input("Called them at jane.doe@example.org").run()
    at.button[labels(at).index("Add note")].click().run()
    assert any("personal data (email)" in e.value for e in at.error)
    assert "jane.doe" not in " ".join(e.value for e in at.error)
    widget(at, "text_area", "New note").input("Same template as the ring of last week.").run()
    at.button[labels(at).index("Add note")].click().run()
    assert any("Same template as the ring of last week." in t.value for t in at.text)
    assert ("alice (dev-user)", account) in _audit(swept_home, "note.added")
    [(group, size)] = _rows(
        swept_home, "SELECT group_id, size FROM account_groups ORDER BY size DESC LIMIT 1"
    )
    at = AppTest.from_file(str(APP / "views" / "subject.py"), default_timeout=60)
    at.query_params["subject"] = group
    at.run()
    assert len(_frame(at)) == size and "risk" in _frame(at)


def test_group_case_decided_member_by_member_in_the_ui(tmp_path: Path, as_user: Any) -> None:
    from enforcement import cases
    from enforcement.desk import Desk
    from warden.config import load_config

    home = make_home(tmp_path / "bulk")
    desk = Desk.open(load_config(home), None)
    members = [f"ac_v1_b{i:031d}" for i in range(3)]
    gid, _ = cases.open_or_update(
        desk, kind="group", subject="Gbulk", members=members, risk=0.9, reasons=["ring"]
    )
    as_user(home, "carol")
    at = AppTest.from_file(str(APP / "views" / "case.py"), default_timeout=60)
    at.query_params["case"] = gid
    at.run()
    at.checkbox[0].check().run()
    widget(at, "selectbox", "Action").set_value("warn")
    widget(at, "selectbox", "Policy").set_value("spam")
    widget(at, "text_area", "Rationale (required: the statement of reasons)").input(
        "Same phishing template from every member of the ring."
    )
    at.button[labels(at).index("Record decision")].click().run()
    at.button[labels(at).index("Confirm decision")].click().run()
    assert any("3 members decided, 0 skipped" in s.value for s in at.success), at.error
    assert len(_rows(home, "SELECT * FROM decisions")) == 4
    assert _audit(home, "case.bulk_decided") == [("carol (dev-user)", gid)]


def test_the_dashboard_server_imports_what_the_pages_need_before_it_starts() -> None:
    """Page threads importing a module at once can see it half-initialised ("partially
    initialized module 'pandas'"): `warden dashboard` imports them first, in one thread."""
    from app.cli.dashboard import streamlit_command

    assert streamlit_command(8501)[1:4] == ["-m", "app.dashboard.serve", "run"]
    probe = (
        "import sys; from app.dashboard.serve import preload; preload(); "
        "print(sorted(m for m in ('pandas', 'altair', 'pyarrow', 'enforcement.cases', "
        "'investigate.signals', 'app.dashboard.common') if m not in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
    # and quietly: a cache defined before the server starts is no reason for a warning
    assert "No runtime found" not in done.stderr, done.stderr


def test_a_page_run_opens_the_store_once(
    swept_home: Path, as_user: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The dashboard's entry point runs each page with its reads on one connection (each
    open of the file costs tens of ms; the Case page reads ten times)."""
    from app.dashboard.common import clear_cache
    from warden.store import Store

    as_user(swept_home, "bob")  # a lead: the Queue also reads the approvals inbox
    opened: list[bool] = []
    connect = Store._connect

    def counting(self: Store, read_only: bool) -> Any:
        opened.append(read_only)
        return connect(self, read_only)

    monkeypatch.setattr(Store, "_connect", counting)
    at = AppTest.from_file(str(APP / "main.py"), default_timeout=60)
    for page in ("queue", "case"):
        clear_cache()  # every read goes to the store
        opened.clear()
        if page == "queue":
            at.run()
        else:
            at.switch_page("views/case.py").run()
        assert not at.exception, [e.value for e in at.exception]
        assert at.title[0].value == page.capitalize()
        assert len(at.dataframe) >= 1
        assert opened == [True], (page, opened)
