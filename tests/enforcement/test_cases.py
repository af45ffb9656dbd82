from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from enforcement import cases, decisions
from enforcement.desk import Desk
from warden.errors import PermissionDenied, StateError

T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
WHY = "Shares a jailbreak template with seven other new accounts on one network."


def _open(desk: Desk, subject: str = "ac_v1_" + "a" * 32, risk: float = 0.9) -> str:
    case_id, created = cases.open_or_update(
        desk,
        kind="account",
        subject=subject,
        members=[subject],
        risk=risk,
        reasons=["88% of requests use one template"],
        now=T0,
    )
    assert created
    return case_id


def test_roles_unknown_user_can_do_nothing(desk: Desk) -> None:
    cid = _open(desk)
    with pytest.raises(PermissionDenied, match="no role"):
        cases.claim(desk, "mallory", cid, now=T0)
    with pytest.raises(PermissionDenied, match="needs the lead role"):
        cases.reassign(desk, "alice", cid, "erin", now=T0)


def test_new_finding_adds_evidence_to_open_case(desk: Desk) -> None:
    cid = _open(desk, risk=0.7)
    again, created = cases.open_or_update(
        desk,
        kind="account",
        subject="ac_v1_" + "a" * 32,
        members=["ac_v1_" + "a" * 32],
        risk=0.95,
        reasons=["new"],
        source="sweep-2",
        now=T0 + timedelta(hours=1),
    )
    assert (again, created) == (cid, False)
    c = cases.get_case(desk, cid, now=T0)
    assert [e.seq for e in c.evidence] == [0, 1]
    assert c.case.risk == 0.95
    assert len(cases.list_cases(desk, now=T0)) == 1
    # the same finding again (a rerun of the same sweep) adds nothing
    cases.open_or_update(
        desk,
        kind="account",
        subject="ac_v1_" + "a" * 32,
        members=["ac_v1_" + "a" * 32],
        risk=0.95,
        reasons=["new"],
        source="sweep-2",
        now=T0 + timedelta(hours=2),
    )
    assert len(cases.get_case(desk, cid, now=T0).evidence) == 2


def test_priority_sla_and_filters(desk: Desk) -> None:
    low = _open(desk, "ac_v1_" + "1" * 32, 0.55)
    high = _open(desk, "ac_v1_" + "2" * 32, 0.97)
    rows = cases.list_cases(desk, now=T0)
    assert [r.case_id for r in rows] == [high, low]
    assert rows[0].severity == "critical"
    assert rows[0].due_at == T0 + timedelta(hours=4)
    later = cases.list_cases(desk, now=T0 + timedelta(hours=5))
    assert later[0].overdue and not later[1].overdue
    assert [r.case_id for r in cases.list_cases(desk, severity="low", now=T0)] == [low]


def test_claim_lock_and_timeout(desk: Desk) -> None:
    cid = _open(desk)
    until = cases.claim(desk, "alice", cid, now=T0)
    assert until == T0 + timedelta(minutes=30)
    with pytest.raises(StateError, match="claimed by alice"):
        cases.claim(desk, "erin", cid, now=T0 + timedelta(minutes=10))
    cases.claim(desk, "erin", cid, now=T0 + timedelta(minutes=31))  # expired: taken over
    assert cases.get_case(desk, cid, now=T0).case.assignee == "erin"
    with pytest.raises(PermissionDenied):
        cases.release(desk, "alice", cid, now=T0)
    cases.release(desk, "erin", cid, now=T0)
    assert cases.get_case(desk, cid, now=T0).case.state == "open"


def test_decide_needs_claim_and_real_rationale(desk: Desk) -> None:
    cid = _open(desk)
    with pytest.raises(PermissionDenied, match="claim case"):
        decisions.decide(desk, "alice", cid, "warn", "jailbreak", WHY, now=T0)
    cases.claim(desk, "alice", cid, now=T0)
    with pytest.raises(StateError, match="rationale must explain"):
        decisions.decide(
            desk, "alice", cid, "warn", "jailbreak", "bad bad bad bad bad bad bad", now=T0
        )
    with pytest.raises(StateError, match="unknown policy"):
        decisions.decide(desk, "alice", cid, "warn", "nope", WHY, now=T0)
    did = decisions.decide(desk, "alice", cid, "warn", "jailbreak", WHY, now=T0)
    c = cases.get_case(desk, cid, now=T0)
    assert c.case.state == "decided" and c.decisions[0].decision_id == did
    with desk.store.read() as con:
        ev = con.execute("SELECT evidence, evidence_hash FROM decisions").fetchone()
        assert "88% of requests" in ev[0] and len(ev[1]) == 64
        assert con.execute("SELECT count(*) FROM outbox").fetchone() == (1,)


def test_four_eyes_on_severe_actions(desk: Desk) -> None:
    cid = _open(desk)
    cases.claim(desk, "bob", cid, now=T0)
    did = decisions.decide(desk, "bob", cid, "ban", "jailbreak", WHY, now=T0)
    pending = cases.get_case(desk, cid, now=T0)
    assert pending.case.state == "pending_approval"
    assert [d.status for d in pending.decisions] == ["pending approval"]
    with desk.store.read() as con:
        assert con.execute("SELECT count(*) FROM outbox").fetchone() == (0,)
    with pytest.raises(PermissionDenied, match="four eyes"):
        decisions.approve(desk, "bob", did, now=T0)
    # the same lead through the dashboard's development login is still the same person
    with pytest.raises(PermissionDenied, match="four eyes"):
        decisions.approve(desk, "bob (dev-user)", did, now=T0)
    with pytest.raises(PermissionDenied, match="lead"):
        decisions.approve(desk, "alice", did, now=T0)
    decisions.approve(desk, "carol", did, now=T0)
    file = cases.get_case(desk, cid, now=T0)
    assert file.case.state == "decided"
    assert [(d.status, d.approver) for d in file.decisions] == [("effective", "carol")]
    with desk.store.read() as con:
        assert con.execute("SELECT count(*) FROM outbox").fetchone() == (1,)
    with pytest.raises(StateError, match="already"):
        decisions.approve(desk, "dave", did, now=T0)


def test_reversal_and_appeal_append_never_edit(desk: Desk) -> None:
    cid = _open(desk)
    cases.claim(desk, "alice", cid, now=T0)
    first = decisions.decide(desk, "alice", cid, "rate_limit", "spam", WHY, now=T0)
    with desk.store.read() as con:
        before = con.execute("SELECT * FROM decisions WHERE decision_id = ?", [first]).fetchone()
    decisions.appeal(
        desk,
        "erin",
        cid,
        "The account holder says it was a test harness.",
        now=T0 + timedelta(hours=1),
    )
    assert cases.get_case(desk, cid, now=T0).case.state == "appealed"
    cases.claim(desk, "erin", cid, now=T0 + timedelta(hours=2))
    outcome = decisions.decide(
        desk,
        "erin",
        cid,
        "warn",
        "spam",
        "On appeal: traffic matches a documented load test; warning only.",
        now=T0 + timedelta(hours=2),
    )
    rev = decisions.reverse(
        desk,
        "bob",
        outcome,
        "Reversed after the customer showed the load-test contract and the approved ticket.",
        now=T0 + timedelta(hours=3),
    )
    c = cases.get_case(desk, cid, now=T0)
    kinds = [(d.decision_id, d.reason_kind, d.supersedes) for d in c.decisions]
    assert kinds == [
        (first, "decision", None),
        (outcome, "appeal_outcome", first),
        (rev, "reversal", outcome),
    ]
    with desk.store.read() as con:
        assert (
            con.execute("SELECT * FROM decisions WHERE decision_id = ?", [first]).fetchone()
            == before
        )
        assert con.execute("SELECT count(*) FROM outbox").fetchone() == (3,)
    exported = decisions.export_decisions(desk)
    assert exported[0]["statement_of_reasons"] == WHY


def test_release_held_needs_a_lead_and_audits_the_cases(desk: Desk) -> None:
    held = []
    for i in range(3):
        s = f"ac_v1_{i:032d}"
        cid, _ = cases.open_or_update(
            desk, kind="account", subject=s, members=[s], risk=0.9, reasons=["r"], held=i < 2
        )
        held += [cid] if i < 2 else []
    with pytest.raises(PermissionDenied):
        cases.release_held(desk, "alice")
    assert {c.case_id for c in cases.list_cases(desk)} == {f"C{3:06d}"}
    assert cases.release_held(desk, "bob") == sorted(held)
    assert len(cases.list_cases(desk)) == 3
    assert cases.release_held(desk, "bob") == []  # nothing left: nothing audited
    with desk.store.read() as con:
        rows = con.execute(
            "SELECT actor, details FROM audit_log WHERE action = 'cases.released_from_hold'"
        ).fetchall()
    assert len(rows) == 1 and rows[0][0] == "bob" and all(c in rows[0][1] for c in held)


def test_rationale_keeps_its_lines_and_has_a_cap(desk: Desk) -> None:
    cid = _open(desk)
    cases.claim(desk, "alice", cid, now=T0)
    with pytest.raises(StateError, match="keep it under 4,000"):
        decisions.decide(desk, "alice", cid, "warn", "spam", WHY + " more" * 1000, now=T0)
    did = decisions.decide(
        desk, "alice", cid, "warn", "spam", f"  {WHY}  \n\n\n\n- point one\n- point two  ", now=T0
    )
    [d] = cases.get_case(desk, cid, now=T0).decisions
    assert d.decision_id == did and d.rationale == f"{WHY}\n\n- point one\n- point two"


def test_a_lead_deciding_someone_elses_claim_says_why_and_it_is_audited(desk: Desk) -> None:
    cid = _open(desk)
    cases.claim(desk, "alice", cid, now=T0)
    with pytest.raises(StateError, match="alice has claimed"):
        decisions.decide(desk, "bob", cid, "warn", "spam", WHY, now=T0)
    decisions.decide(
        desk, "bob", cid, "warn", "spam", WHY, now=T0, override="Alice is away; SLA runs out."
    )
    with desk.store.read() as con:
        row = con.execute(
            "SELECT actor, details FROM audit_log WHERE action = 'case.claim_overridden'"
        ).fetchone()
    assert row is not None and row[0] == "bob" and "alice" in row[1]


def test_a_group_decided_member_by_member(desk: Desk) -> None:
    members = [f"ac_v1_g{i:031d}" for i in range(3)]
    gid, _ = cases.open_or_update(
        desk, kind="group", subject="Gabc", members=members, risk=0.9, reasons=["ring"], now=T0
    )
    # one member already has a case that someone else is reviewing
    held, _ = cases.open_or_update(
        desk,
        kind="account",
        subject=members[2],
        members=[members[2]],
        risk=0.8,
        reasons=["r"],
        now=T0,
    )
    cases.claim(desk, "erin", held, now=T0)
    result = decisions.decide_members(desk, "alice", gid, "warn", "spam", WHY, now=T0)
    assert sorted(result.decisions) == members[:2] and list(result.skipped) == [members[2]]
    assert "erin" in result.skipped[members[2]]
    for m, did in result.decisions.items():
        [file] = [cases.get_case(desk, c, now=T0) for c in cases.cases_of(desk, m) if c != gid]
        assert [d.decision_id for d in file.decisions] == [did]
    assert cases.get_case(desk, gid, now=T0).case.state == "decided"
    with pytest.raises(StateError, match="account case"):
        decisions.decide_members(desk, "alice", held, "warn", "spam", WHY, now=T0)
