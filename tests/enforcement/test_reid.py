"""Break-glass re-identification (issue: pseudonyms) end to end over a real ingest."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from enforcement import cases, reid
from enforcement.desk import Desk
from redaction.erasure import erase_subject
from redaction.ingest import Ingestor
from redaction.pseudonym import Pseudonymizer
from warden.errors import PermissionDenied, StateError, VaultError
from warden.keys.keyring import Keyring, Unlock

from .conftest import PW

T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def _ingest(desk: Desk, tmp_path: Path) -> tuple[Keyring, str]:
    ring = Keyring.open(desk.config.home, Unlock(passphrase=PW))
    rec = {
        "request_id": "r1",
        "timestamp": "2026-10-10T15:39:10Z",
        "account_id": "acct_abc123456",
        "user_email": "walter@example.org",
        "ip_address": "203.0.113.195",
        "endpoint": "/v1/chat/completions",
        "messages": [{"role": "user", "content": "hi"}],
    }
    f = tmp_path / "log.jsonl"
    f.write_text(json.dumps(rec) + "\n")
    Ingestor(desk.store, ring, desk.config).ingest([f])
    subject = Pseudonymizer(ring.pseudonym_keys, 1).pseudonym("account", "acct_abc123456")
    return ring, subject


def test_request_approve_reveal_expire(desk: Desk, tmp_path: Path) -> None:
    _, subject = _ingest(desk, tmp_path)
    cid, _ = cases.open_or_update(
        desk, kind="account", subject=subject, members=[subject], risk=0.9, reasons=["r"], now=T0
    )
    with pytest.raises(StateError, match="justification"):
        reid.request(desk, "alice", cid, "need it", now=T0)
    rid = reid.request(
        desk, "alice", cid, "Law-enforcement request 2026-118 names this account.", now=T0
    )
    with pytest.raises(StateError, match="pending"):
        reid.reveal(desk, "alice", rid, now=T0)
    with pytest.raises(PermissionDenied, match="lead"):
        reid.decide(desk, "erin", rid, True, "ok for subpoena", now=T0)
    expires = reid.decide(desk, "bob", rid, True, "Matches the subpoena scope.", now=T0)
    assert expires == T0 + timedelta(hours=1)
    with pytest.raises(PermissionDenied, match="only the requester"):
        reid.reveal(desk, "bob", rid, now=T0)
    shown = reid.reveal(desk, "alice", rid, now=T0 + timedelta(minutes=5))
    values = {o.kind: o.value for o in shown[subject]}
    assert values["account"] == "acct_abc123456" and values["email"] == "walter@example.org"
    with pytest.raises(StateError, match="expired"):
        reid.reveal(desk, "alice", rid, now=T0 + timedelta(minutes=61))
    with desk.store.read() as con:
        actions = [
            r[0]
            for r in con.execute(
                "SELECT action FROM audit_log WHERE action LIKE 'reid.%' ORDER BY seq"
            ).fetchall()
        ]
        log = " ".join(str(x) for r in con.execute("SELECT * FROM audit_log").fetchall() for x in r)
    assert actions == ["reid.requested", "reid.approved", "reid.revealed", "reid.expired"]
    assert "walter" not in log and "acct_abc123456" not in log


def test_requester_cannot_approve_own_request(desk: Desk, tmp_path: Path) -> None:
    _, subject = _ingest(desk, tmp_path)
    cid, _ = cases.open_or_update(
        desk, kind="account", subject=subject, members=[subject], risk=0.9, reasons=["r"], now=T0
    )
    rid = reid.request(desk, "bob", cid, "Needed to answer a subpoena about this account.", now=T0)
    with pytest.raises(PermissionDenied, match="four eyes"):
        reid.decide(desk, "bob", rid, True, "Matches the subpoena scope.", now=T0)
    with pytest.raises(PermissionDenied, match="four eyes"):
        reid.decide(desk, "bob (dev-user)", rid, True, "Matches the scope.", now=T0)
    [pending] = reid.requests_for_case(desk, cid)
    assert (pending.request_id, pending.state, pending.requester) == (rid, "pending", "bob")
    reid.decide(desk, "carol", rid, False, "No legal basis given here.", now=T0)
    [refused] = reid.requests_for_case(desk, cid)
    assert (refused.state, refused.approver, refused.active(T0)) == ("refused", "carol", False)
    with pytest.raises(StateError, match="refused"):
        reid.reveal(desk, "bob", rid, now=T0)


def test_erased_subject_cannot_be_revealed_and_leaves_no_original(
    desk: Desk, tmp_path: Path
) -> None:
    ring, subject = _ingest(desk, tmp_path)
    cid, _ = cases.open_or_update(
        desk, kind="account", subject=subject, members=[subject], risk=0.9, reasons=["r"], now=T0
    )
    assert erase_subject(desk.store, ring, subject, "dave") >= 3
    rid = reid.request(
        desk, "alice", cid, "Checking the account after the erasure request.", now=T0
    )
    reid.decide(desk, "bob", rid, True, "Matches the subpoena scope.", now=T0)
    with pytest.raises(VaultError, match="erased"):
        reid.reveal(desk, "alice", rid, now=T0)
    for f in desk.config.home.rglob("*"):
        if f.is_file():
            data = f.read_bytes()
            for raw in (b"acct_abc123456", b"walter@example.org", b"203.0.113.195"):
                assert raw not in data, f.name


def test_a_grant_reveals_only_the_kinds_asked_for_and_needs_a_comment(
    desk: Desk, tmp_path: Path
) -> None:
    _, subject = _ingest(desk, tmp_path)
    cid, _ = cases.open_or_update(
        desk, kind="account", subject=subject, members=[subject], risk=0.9, reasons=["r"], now=T0
    )
    with pytest.raises(StateError, match="identifier kinds"):
        reid.request(desk, "alice", cid, "Law-enforcement request names it.", kinds=(), now=T0)
    rid = reid.request(
        desk, "alice", cid, "Law-enforcement request names its e-mail.", kinds=["email"], now=T0
    )
    with pytest.raises(StateError, match="say why"):
        reid.decide(desk, "bob", rid, True, "ok", now=T0)
    reid.decide(desk, "bob", rid, True, "Subpoena 118 covers the e-mail only.", now=T0)
    [r] = reid.requests_for_case(desk, cid)
    assert r.kinds == ["email"] and r.approver_note == "Subpoena 118 covers the e-mail only."
    shown = reid.reveal(desk, "alice", rid, now=T0 + timedelta(minutes=1))
    assert {o.kind for o in shown[subject]} == {"email"}
