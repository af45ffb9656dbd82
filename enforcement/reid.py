"""Break-glass re-identification: the originals behind a case's pseudonyms, for a
case, with a justification, approved by a different lead, for a limited time.

request (analyst: a justification and the identifier kinds needed) -> approve or
refuse (a lead who is not the requester, with a comment) -> reveal (the requester, while
the grant lasts, default one hour; only the kinds asked for). Every step, and every
attempt after the grant expired, is audited; revealed values never enter the audit
log, only which kinds were revealed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from enforcement.desk import Desk, next_id, one, same_person, utcnow
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
    kinds: list[str]  # the identifier kinds asked for (every kind for old requests)
    approver_note: str | None

    def active(self, now: datetime) -> bool:
        """Approved and not expired."""
        return self.state == "approved" and self.expires_at is not None and now < self.expires_at


def requests_for_case(desk: Desk, case_id: str) -> list[ReidRequest]:
    """The re-identification requests of a case, oldest first."""
    with desk.store.read() as con:
        rows = con.execute(
            "SELECT request_id, case_id, requester, justification, state, created_at, approver, "
            "decided_at, expires_at, kinds, approver_note FROM reid_requests WHERE case_id = ? "
            "ORDER BY created_at",
            [case_id],
        ).fetchall()
    return [_request(r) for r in rows]


KINDS = ("account", "email", "org", "api_key", "ip", "ip_net", "user_agent")


def _request(r: tuple[Any, ...]) -> ReidRequest:
    rid, case_id, requester, justification, state, created, approver, decided, expires = r[:9]
    kinds, note = r[9], r[10]
    return ReidRequest(
        rid,
        case_id,
        requester,
        justification,
        state,
        created,
        approver,
        decided,
        expires,
        json.loads(kinds) if kinds else list(KINDS),
        note,
    )


def request(
    desk: Desk,
    user: str,
    case_id: str,
    justification: str,
    kinds: tuple[str, ...] | list[str] = KINDS,
    now: datetime | None = None,
) -> str:
    """Ask to see the originals of ``case_id``'s subjects, only the identifier ``kinds``
    named (account, email, org, api_key, ip, ip_net, user_agent). Returns the request id."""
    desk.require(user, "analyst")
    wanted = sorted(set(kinds))
    unknown = [k for k in wanted if k not in KINDS]
    if not wanted or unknown:
        raise StateError(
            f"name the identifier kinds needed, among {', '.join(KINDS)}"
            + (f" ({', '.join(unknown)} is none of them)" if unknown else "")
        )
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
            "state, created_at, kinds) VALUES (?, ?, ?, ?, 'pending', ?, ?)",
            [rid, case_id, user, text, now, json.dumps(wanted)],
        )
        desk.audit(
            con,
            user,
            "reid.requested",
            case_id,
            {"request": rid, "kinds": wanted},
            private={"justification": text},
            now=now,
        )
    return rid


def decide(
    desk: Desk,
    user: str,
    request_id: str,
    approve: bool,
    note: str,
    now: datetime | None = None,
) -> datetime | None:
    """A lead other than the requester approves (returns the expiry) or refuses, saying
    why in ``note`` (kept with the request, in the audit log's private part)."""
    desk.require(user, "lead")
    comment = " ".join((note or "").split())
    if len(comment) < 10:
        raise StateError(
            "say why you approve or refuse (at least 10 characters): the comment is kept "
            "with the request"
        )
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
            "expires_at = ?, approver_note = ? WHERE request_id = ?",
            ["approved" if approve else "refused", user, now, expires, comment, request_id],
        )
        desk.audit(
            con,
            user,
            "reid.approved" if approve else "reid.refused",
            case_id,
            {"request": request_id, "expires_at": expires.isoformat() if expires else None},
            private={"note": comment},
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
            "SELECT r.case_id, r.requester, r.state, r.expires_at, c.members, r.kinds "
            "FROM reid_requests r JOIN cases c USING (case_id) WHERE r.request_id = ?",
            [request_id],
            f"no re-identification request {request_id}",
        )
        case_id, requester, state, expires, members, kinds = row
        allowed = set(json.loads(kinds)) if kinds else set(KINDS)
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
                out[subject] = [o for o in vault.reveal(con, subject) if o.kind in allowed]
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
            "decided_at, expires_at, kinds, approver_note FROM reid_requests "
            "WHERE state = 'pending' ORDER BY created_at"
        ).fetchall()
    return [_request(r) for r in rows if not same_person(r[2], user)]
