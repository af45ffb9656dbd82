"""Break-glass re-identification: the originals behind a case's pseudonyms, for a
case, with a justification, approved by a different lead, for a limited time.

request (analyst) -> approve or refuse (a lead who is not the requester) -> reveal
(the requester, while the grant lasts, default one hour). Every step, and every
attempt after the grant expired, is audited; revealed values never enter the audit
log, only which kinds were revealed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from enforcement.desk import DEV_SUFFIX, Desk, next_id, one, utcnow
from warden.errors import PermissionDenied, StateError, VaultError
from warden.keys.vault import Original, Vault


@dataclass(frozen=True)
class ReidRequest:
    """A re-identification request and where it stands."""

    request_id: str
    case_id: str
    requester: str
    justification: str
    state: str  # pending | approved | refused
    created_at: datetime
    approver: str | None
    decided_at: datetime | None
    expires_at: datetime | None

    def active(self, now: datetime) -> bool:
        """Approved and not expired."""
        return self.state == "approved" and self.expires_at is not None and now < self.expires_at


def requests_for_case(desk: Desk, case_id: str) -> list[ReidRequest]:
    """The re-identification requests of a case, oldest first."""
    with desk.store.read() as con:
        rows = con.execute(
            "SELECT request_id, case_id, requester, justification, state, created_at, approver, "
            "decided_at, expires_at FROM reid_requests WHERE case_id = ? ORDER BY created_at",
            [case_id],
        ).fetchall()
    return [ReidRequest(*r) for r in rows]


def request(
    desk: Desk, user: str, case_id: str, justification: str, now: datetime | None = None
) -> str:
    """Ask to see the originals of ``case_id``'s subjects. Returns the request id."""
    desk.require(user, "analyst")
    text = " ".join(justification.split())
    if len(text) < desk.config.enforcement.min_rationale_chars:
        raise StateError(
            "a re-identification request needs a justification of at least "
            f"{desk.config.enforcement.min_rationale_chars} characters"
        )
    now = now or utcnow()
    with desk.write() as con:
        if not con.execute("SELECT 1 FROM cases WHERE case_id = ?", [case_id]).fetchone():
            raise StateError(f"no case {case_id}: re-identification is only for a case")
        rid = next_id(con, "reid_requests", "request_id", "R")
        con.execute(
            "INSERT INTO reid_requests (request_id, case_id, requester, justification, "
            "state, created_at) VALUES (?, ?, ?, ?, 'pending', ?)",
            [rid, case_id, user, text, now],
        )
        desk.audit(
            con,
            user,
            "reid.requested",
            case_id,
            {"request": rid},
            private={"justification": text},
            now=now,
        )
    return rid


def decide(
    desk: Desk, user: str, request_id: str, approve: bool, now: datetime | None = None
) -> datetime | None:
    """A lead other than the requester approves (returns the expiry) or refuses."""
    desk.require(user, "lead")
    now = now or utcnow()
    with desk.write() as con:
        row = one(
            con,
            "SELECT case_id, requester, state FROM reid_requests WHERE request_id = ?",
            [request_id],
            f"no re-identification request {request_id}",
        )
        case_id, requester, state = row
        desk.require_second_lead(user, requester, "a re-identification request")
        if state != "pending":
            raise StateError(f"request {request_id} is already {state}")
        expires = (
            now + timedelta(minutes=desk.config.enforcement.reid_grant_minutes) if approve else None
        )
        con.execute(
            "UPDATE reid_requests SET state = ?, approver = ?, decided_at = ?, "
            "expires_at = ? WHERE request_id = ?",
            ["approved" if approve else "refused", user, now, expires, request_id],
        )
        desk.audit(
            con,
            user,
            "reid.approved" if approve else "reid.refused",
            case_id,
            {"request": request_id, "expires_at": expires.isoformat() if expires else None},
            now=now,
        )
    return expires


def reveal(
    desk: Desk, user: str, request_id: str, now: datetime | None = None
) -> dict[str, list[Original]]:
    """The originals of the case's subjects, per account pseudonym, while the grant lasts."""
    desk.require(user, "analyst")
    if desk.master_key is None:
        raise StateError("re-identification needs the keyring: set WARDEN_PASSPHRASE")
    now = now or utcnow()
    vault = Vault(desk.master_key)
    with desk.write() as con:
        row = one(
            con,
            "SELECT r.case_id, r.requester, r.state, r.expires_at, c.members FROM reid_requests r "
            "JOIN cases c USING (case_id) WHERE r.request_id = ?",
            [request_id],
            f"no re-identification request {request_id}",
        )
        case_id, requester, state, expires, members = row
        if requester != user:
            raise PermissionDenied("only the requester may use a re-identification grant")
        if state != "approved":
            raise StateError(f"request {request_id} is {state}, not approved")
        if expires is None or expires <= now:
            desk.audit(con, user, "reid.expired", case_id, {"request": request_id}, now=now)
    if expires is None or expires <= now:
        raise StateError(
            f"the grant of request {request_id} expired at "
            f"{expires:%Y-%m-%d %H:%M} UTC; request again"
        )
    out: dict[str, list[Original]] = {}
    erased: list[str] = []
    with desk.store.read() as con:
        for subject in json.loads(members):
            try:
                out[subject] = vault.reveal(con, subject)
            except VaultError:
                erased.append(subject)
    with desk.write() as con:
        desk.audit(
            con,
            user,
            "reid.revealed",
            case_id,
            {
                "request": request_id,
                "subjects": len(out),
                "unavailable": len(erased),
                "kinds": sorted({o.kind for v in out.values() for o in v}),
            },
            now=now,
        )
    if erased and not out:
        raise VaultError(f"the originals of {', '.join(erased)} cannot be recovered: erased")
    return out


def awaiting_approval(desk: Desk, user: str) -> list[ReidRequest]:
    """Pending re-identification requests ``user`` may decide (a lead, not the requester),
    oldest first."""
    if not desk.can(user, "lead"):
        return []
    with desk.store.read() as con:
        rows = con.execute(
            "SELECT request_id, case_id, requester, justification, state, created_at, approver, "
            "decided_at, expires_at FROM reid_requests WHERE state = 'pending' "
            "ORDER BY created_at"
        ).fetchall()
    me = user.removesuffix(DEV_SUFFIX)
    return [ReidRequest(*r) for r in rows if r[2].removesuffix(DEV_SUFFIX) != me]
