"""Cases: a queue of accounts and coordinated groups to review.

States: ``open`` -> ``in_review`` (claimed) -> ``pending_approval`` (a severe decision
waits for a lead) -> ``decided`` -> ``appealed`` -> ``decided`` ... -> ``closed``.
A new finding on a subject with an unfinished case adds evidence to it instead of
opening another. Claims expire after ``enforcement.claim_timeout_minutes``.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

from enforcement.desk import SEVERE, SEVERITY_WEIGHT, Desk, next_id, one, utcnow
from warden.errors import PermissionDenied, StateError

UNFINISHED = ("open", "in_review", "pending_approval", "appealed")
ALL_STATES = (*UNFINISHED, "decided", "closed")


def severity_for(risk: float) -> str:
    """Severity of a case without a policy yet, from its risk."""
    return (
        "critical"
        if risk >= 0.95
        else "high"
        if risk >= 0.8
        else "medium"
        if risk >= 0.6
        else "low"
    )


def priority(risk: float, severity: str, opened_at: datetime, now: datetime) -> float:
    """Higher first: risk weighted by severity, plus half a point per hour waiting."""
    hours = max(0.0, (now - opened_at).total_seconds() / 3600)
    return round(risk * 100 * SEVERITY_WEIGHT.get(severity, 1.0) + 0.5 * hours, 2)


def open_or_update(
    desk: Desk,
    *,
    kind: str,
    subject: str,
    members: list[str],
    risk: float,
    reasons: list[str],
    policy: str | None = None,
    source: str = "sweep",
    actor: str = "system",
    held: bool = False,
    now: datetime | None = None,
) -> tuple[str, bool]:
    """Open a case for ``subject``, or add this evidence to its unfinished case.
    Returns (case id, whether it was opened)."""
    now = now or utcnow()
    with desk.write() as con:
        row = con.execute(
            "SELECT case_id, risk FROM cases WHERE subject = ? AND state IN "
            "('open', 'in_review', 'pending_approval', 'appealed') ORDER BY opened_at LIMIT 1",
            [subject],
        ).fetchone()
        if row:
            case_id = row[0]
            if con.execute(
                "SELECT 1 FROM case_evidence WHERE case_id = ? AND source = ?", [case_id, source]
            ).fetchone():
                return case_id, False  # this finding is already on the case (a rerun)
            seq = con.execute(
                "SELECT count(*) FROM case_evidence WHERE case_id = ?", [case_id]
            ).fetchone()
            con.execute(
                "INSERT INTO case_evidence VALUES (?, ?, ?, ?, ?, ?)",
                [case_id, int(seq[0]) if seq else 0, now, source, risk, json.dumps(reasons)],
            )
            con.execute(
                "UPDATE cases SET risk = greatest(risk, ?), updated_at = ? WHERE case_id = ?",
                [risk, now, case_id],
            )
            desk.audit(
                con,
                actor,
                "case.evidence_added",
                case_id,
                {"source": source, "risk": round(risk, 4)},
                now=now,
            )
            return case_id, False
        # the policy's severity, or the risk's when that is higher
        severity = severity_for(risk)
        if policy and SEVERITY_WEIGHT[desk.policy(policy).severity] > SEVERITY_WEIGHT[severity]:
            severity = desk.policy(policy).severity
        due = now + timedelta(hours=desk.config.enforcement.sla_hours.get(severity, 72))
        case_id = next_id(con, "cases", "case_id", "C")
        con.execute(
            "INSERT INTO cases (case_id, kind, subject, members, state, policy, severity, risk, "
            "held, opened_at, updated_at, due_at) VALUES (?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?)",
            [
                case_id,
                kind,
                subject,
                json.dumps(sorted(members)),
                policy,
                severity,
                risk,
                held,
                now,
                now,
                due,
            ],
        )
        con.execute(
            "INSERT INTO case_evidence VALUES (?, 0, ?, ?, ?, ?)",
            [case_id, now, source, risk, json.dumps(reasons)],
        )
        desk.audit(
            con,
            actor,
            "case.opened",
            case_id,
            {
                "kind": kind,
                "subject": subject,
                "members": len(members),
                "risk": round(risk, 4),
                "severity": severity,
                "held": held,
                "policy": policy,
            },
            now=now,
        )
        return case_id, True


_CASE_COLS = (
    "case_id",
    "kind",
    "subject",
    "members",
    "state",
    "policy",
    "severity",
    "risk",
    "held",
    "opened_at",
    "updated_at",
    "due_at",
    "assignee",
    "claimed_until",
    "escalated",
)


@dataclass(frozen=True)
class Case:
    """A case as the queue shows it."""

    case_id: str
    kind: str  # account | group | alert
    subject: str
    members: list[str]
    state: str
    policy: str | None
    severity: str
    risk: float
    held: bool
    opened_at: datetime
    updated_at: datetime
    due_at: datetime
    assignee: str | None
    claimed_until: datetime | None
    escalated: bool
    priority: float
    overdue: bool
    claim_expired: bool
    top_reason: str | None = None  # the first reason of the latest evidence

    @property
    def accounts(self) -> list[str]:
        """The account pseudonyms the case is about."""
        return self.members or [self.subject]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Evidence:
    """What a sweep (or an analyst) added to a case."""

    seq: int
    added_at: datetime
    source: str
    risk: float | None
    reasons: list[str]


@dataclass(frozen=True)
class Decision:
    """A decision on a case, with its approval when it is severe."""

    decision_id: str
    action: str
    policy: str
    rationale: str
    actor: str
    created_at: datetime
    evidence_hash: str
    supersedes: str | None
    reason_kind: str  # decision | reversal | appeal_outcome
    approver: str | None
    approved: bool | None
    approved_at: datetime | None
    approval_note: str | None

    @property
    def status(self) -> str:
        """``pending approval`` (a severe action no lead has approved yet), ``refused``
        or ``effective``."""
        if self.approved is False:
            return "refused"
        if self.action in SEVERE and self.approved is None:
            return "pending approval"
        return "effective"


@dataclass(frozen=True)
class Appeal:
    appeal_id: str
    decision_id: str
    filed_by: str
    statement: str
    filed_at: datetime


@dataclass(frozen=True)
class CaseFile:
    """A case with everything recorded on it."""

    case: Case
    evidence: list[Evidence]
    decisions: list[Decision]
    appeals: list[Appeal]

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.case.to_dict(),
            "evidence": [asdict(e) for e in self.evidence],
            "decisions": [{**asdict(d), "status": d.status} for d in self.decisions],
            "appeals": [asdict(a) for a in self.appeals],
        }


_TOP_REASON = (
    "(SELECT json_extract_string(e.reasons, '$[0]') FROM case_evidence e "
    "WHERE e.case_id = cases.case_id ORDER BY e.seq DESC LIMIT 1)"
)


def _row(r: tuple[Any, ...], now: datetime) -> Case:
    d = dict(zip((*_CASE_COLS, "top_reason"), r, strict=True))
    d["members"] = json.loads(d["members"])
    return Case(
        **d,
        priority=priority(d["risk"], d["severity"], d["opened_at"], now),
        overdue=d["state"] in UNFINISHED and d["due_at"] < now,
        claim_expired=d["claimed_until"] is not None and d["claimed_until"] < now,
    )


def list_cases(
    desk: Desk,
    *,
    states: tuple[str, ...] = UNFINISHED,
    policy: str | None = None,
    severity: str | None = None,
    assignee: str | None = None,
    due_before: datetime | None = None,
    include_held: bool = False,
    limit: int = 500,
    now: datetime | None = None,
) -> list[Case]:
    """Cases by priority (highest first), filtered."""
    now = now or utcnow()
    where = ["state IN (SELECT unnest(?::VARCHAR[]))"]
    args: list[Any] = [list(states)]
    for col, val in (("policy", policy), ("severity", severity), ("assignee", assignee)):
        if val is not None:
            where.append(f"{col} = ?")
            args.append(val)
    if due_before is not None:
        where.append("due_at < ?")
        args.append(due_before)
    if not include_held:
        where.append("NOT held")
    weights = " ".join(f"WHEN '{k}' THEN {v}" for k, v in SEVERITY_WEIGHT.items())
    sql = (
        f"SELECT {', '.join(_CASE_COLS)}, {_TOP_REASON} FROM cases "
        f"WHERE {' AND '.join(where)} "
        f"ORDER BY risk * 100 * (CASE severity {weights} ELSE 1 END) "
        f"+ 0.5 * epoch(?::TIMESTAMPTZ - opened_at) / 3600 DESC, case_id LIMIT ?"
    )
    with desk.store.read() as con:
        rows = con.execute(sql, [*args, now, limit]).fetchall()
    return [_row(r, now) for r in rows]


def get_case(desk: Desk, case_id: str, now: datetime | None = None) -> CaseFile:
    """A case with its evidence, decisions, approvals and appeals."""
    now = now or utcnow()
    with desk.store.read() as con:
        r = one(
            con,
            f"SELECT {', '.join(_CASE_COLS)}, {_TOP_REASON} FROM cases WHERE case_id = ?",
            [case_id],
            f"no case {case_id}; list them with `warden cases list`",
        )
        evidence = [
            Evidence(s, a, src, risk, json.loads(rs or "[]"))
            for s, a, src, risk, rs in con.execute(
                "SELECT seq, added_at, source, risk, reasons FROM case_evidence WHERE case_id = ? "
                "ORDER BY seq",
                [case_id],
            ).fetchall()
        ]
        decisions = [
            Decision(*d)
            for d in con.execute(
                "SELECT d.decision_id, d.action, d.policy, d.rationale, d.actor, d.created_at, "
                "d.evidence_hash, d.supersedes, d.reason_kind, a.approver, a.approved, "
                "a.decided_at, a.note FROM decisions d LEFT JOIN approvals a USING (decision_id) "
                "WHERE d.case_id = ? ORDER BY d.created_at, d.decision_id",
                [case_id],
            ).fetchall()
        ]
        appeals = [
            Appeal(*a)
            for a in con.execute(
                "SELECT appeal_id, decision_id, filed_by, statement, filed_at "
                "FROM appeals WHERE case_id = ? ORDER BY filed_at",
                [case_id],
            ).fetchall()
        ]
    return CaseFile(_row(r, now), evidence, decisions, appeals)


def case_ids(desk: Desk, limit: int = 5000) -> list[str]:
    """Every case id, newest first."""
    with desk.store.read() as con:
        rows = con.execute(
            "SELECT case_id FROM cases ORDER BY case_id DESC LIMIT ?", [limit]
        ).fetchall()
    return [r[0] for r in rows]


def cases_of(desk: Desk, subject: str) -> list[str]:
    """The cases about ``subject`` (an account pseudonym or a group id), as their subject
    or as a member, newest first."""
    with desk.store.read() as con:
        rows = con.execute(
            "SELECT case_id FROM cases WHERE subject = ? OR list_contains(members::VARCHAR[], ?) "
            "ORDER BY opened_at DESC, case_id DESC",
            [subject, subject],
        ).fetchall()
    return [r[0] for r in rows]


def _load(con: Any, case_id: str) -> tuple[str, str | None, datetime | None]:
    row = one(
        con,
        "SELECT state, assignee, claimed_until FROM cases WHERE case_id = ?",
        [case_id],
        f"no case {case_id}; list them with `warden cases list`",
    )
    return row[0], row[1], row[2]


def claim(desk: Desk, user: str, case_id: str, now: datetime | None = None) -> datetime:
    """Take a case for review; the claim lasts ``claim_timeout_minutes``. Returns its end."""
    desk.require(user, "analyst")
    now = now or utcnow()
    until = now + timedelta(minutes=desk.config.enforcement.claim_timeout_minutes)
    with desk.write() as con:
        state, assignee, claimed_until = _load(con, case_id)
        if state not in ("open", "in_review", "appealed"):
            raise StateError(
                f"case {case_id} is {state}; only open, in-review or appealed cases can be claimed"
            )
        if assignee and assignee != user and claimed_until and claimed_until > now:
            raise StateError(
                f"case {case_id} is claimed by {assignee} until {claimed_until:%Y-%m-%d %H:%M} UTC"
            )
        new_state = "in_review" if state == "open" else state
        con.execute(
            "UPDATE cases SET assignee = ?, claimed_until = ?, state = ?, updated_at = ? "
            "WHERE case_id = ?",
            [user, until, new_state, now, case_id],
        )
        desk.audit(
            con,
            user,
            "case.claimed",
            case_id,
            {"until": until.isoformat(), "previous": assignee},
            now=now,
        )
    return until


def release(desk: Desk, user: str, case_id: str, now: datetime | None = None) -> None:
    """Give a claimed case back to the queue."""
    desk.require(user, "analyst")
    now = now or utcnow()
    with desk.write() as con:
        state, assignee, _ = _load(con, case_id)
        if assignee != user and not desk.can(user, "lead"):
            raise PermissionDenied(
                f"case {case_id} is claimed by {assignee}; only they or a lead can release it"
            )
        new_state = "open" if state == "in_review" else state
        con.execute(
            "UPDATE cases SET assignee = NULL, claimed_until = NULL, state = ?, "
            "updated_at = ? WHERE case_id = ?",
            [new_state, now, case_id],
        )
        desk.audit(con, user, "case.released", case_id, {"assignee": assignee}, now=now)


def release_held(desk: Desk, user: str, now: datetime | None = None) -> list[str]:
    """Release every case the sweep's flood guard held into the queue (leads only);
    the audit entry lists the cases released. Returns their ids."""
    desk.require(user, "lead")
    now = now or utcnow()
    with desk.write() as con:
        ids = [
            r[0] for r in con.execute("SELECT case_id FROM cases WHERE held ORDER BY 1").fetchall()
        ]
        if ids:
            con.execute("UPDATE cases SET held = false, updated_at = ? WHERE held", [now])
            desk.audit(
                con,
                user,
                "cases.released_from_hold",
                None,
                {"cases": len(ids), "ids": ids},
                now=now,
            )
    return ids


def reassign(desk: Desk, user: str, case_id: str, to: str, now: datetime | None = None) -> None:
    """A lead hands a case to another analyst."""
    desk.require(user, "lead")
    desk.require(to, "analyst")
    now = now or utcnow()
    until = now + timedelta(minutes=desk.config.enforcement.claim_timeout_minutes)
    with desk.write() as con:
        state, assignee, _ = _load(con, case_id)
        new_state = "in_review" if state == "open" else state
        con.execute(
            "UPDATE cases SET assignee = ?, claimed_until = ?, state = ?, updated_at = ? "
            "WHERE case_id = ?",
            [to, until, new_state, now, case_id],
        )
        desk.audit(con, user, "case.reassigned", case_id, {"from": assignee, "to": to}, now=now)


def escalate(desk: Desk, user: str, case_id: str, reason: str, now: datetime | None = None) -> None:
    """Flag a case for a lead's attention; its severity goes one step up."""
    desk.require(user, "analyst")
    now = now or utcnow()
    order = ("low", "medium", "high", "critical")
    with desk.write() as con:
        _load(con, case_id)
        sev = con.execute("SELECT severity FROM cases WHERE case_id = ?", [case_id]).fetchone()
        new = order[min(len(order) - 1, order.index(sev[0]) + 1)] if sev else "high"
        con.execute(
            "UPDATE cases SET escalated = true, severity = ?, updated_at = ? WHERE case_id = ?",
            [new, now, case_id],
        )
        desk.audit(
            con,
            user,
            "case.escalated",
            case_id,
            {"severity": new},
            private={"reason": reason},
            now=now,
        )


def close(desk: Desk, user: str, case_id: str, now: datetime | None = None) -> None:
    """Close a decided case."""
    desk.require(user, "lead")
    now = now or utcnow()
    with desk.write() as con:
        state, _, _ = _load(con, case_id)
        if state != "decided":
            raise StateError(f"case {case_id} is {state}; only decided cases can be closed")
        con.execute(
            "UPDATE cases SET state = 'closed', updated_at = ? WHERE case_id = ?", [now, case_id]
        )
        desk.audit(con, user, "case.closed", case_id, now=now)
