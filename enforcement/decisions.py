"""Decisions on cases: recorded with a required rationale and an evidence snapshot,
severe ones (suspend, ban) effective only after a different lead approves, reversals
and appeal outcomes appended as new decisions. Nothing is edited or deleted.

Every effective decision becomes an outbox entry with an idempotency key.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import duckdb

from enforcement import cases as case_api
from enforcement.desk import ACTIONS, SEVERE, Desk, next_id, one, same_person, utcnow
from warden.errors import PermissionDenied, StateError
from warden.labels import Label
from warden.schema import PROMPT_SQL

_WORD = re.compile(r"[A-Za-z]{2,}")


def check_rationale(desk: Desk, rationale: str) -> str:
    """A rationale must say something (long enough, several distinct words) and not be
    endless. Spaces within a line are collapsed; line breaks are kept (paragraphs and
    lists of a statement of reasons), blank runs of lines become one blank line."""
    lines = [" ".join(line.split()) for line in rationale.strip().splitlines()]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    minimum = desk.config.enforcement.min_rationale_chars
    maximum = desk.config.enforcement.max_rationale_chars
    if len(text) < minimum or len({w.lower() for w in _WORD.findall(text)}) < 4:
        raise StateError(
            f"the rationale must explain the decision: at least {minimum} "
            "characters and four different words"
        )
    if len(text) > maximum:
        raise StateError(
            f"the rationale is {len(text):,} characters; keep it under {maximum:,} "
            "(enforcement.max_rationale_chars) and link longer material from it"
        )
    return text


def snapshot(con: duckdb.DuckDBPyConnection, case_id: str, limit: int = 20) -> dict[str, Any]:
    """What the analyst saw: the case's evidence and the latest redacted events of its
    members (pseudonyms and redacted text only)."""
    case = one(
        con,
        "SELECT subject, members, risk, severity FROM cases WHERE case_id = ?",
        [case_id],
        f"no case {case_id}",
    )
    members = json.loads(case[1])
    evidence = [
        {"source": s, "risk": r, "reasons": json.loads(x or "[]")}
        for s, r, x in con.execute(
            "SELECT source, risk, reasons FROM case_evidence WHERE case_id = ? ORDER BY seq",
            [case_id],
        ).fetchall()
    ]
    events = [
        {
            "request_id": rid,
            "ts": ts.isoformat(),
            "account": acc,
            "endpoint": ep,
            "flagged": fl,
            "user_text": ut,
        }
        for rid, ts, acc, ep, fl, ut in con.execute(
            f"SELECT request_id, ts, account, endpoint, flagged, {PROMPT_SQL} "
            "FROM events WHERE account IN (SELECT unnest(?::VARCHAR[])) "
            "ORDER BY ts DESC LIMIT ?",
            [members, limit],
        ).fetchall()
    ]
    return {
        "case_id": case_id,
        "subject": case[0],
        "members": members,
        "risk": case[2],
        "severity": case[3],
        "evidence": evidence,
        "events": events,
    }


def effective_decision(con: duckdb.DuckDBPyConnection, case_id: str) -> str | None:
    """The case's latest decision in force (a severe one only once approved)."""
    row = con.execute(
        "SELECT d.decision_id FROM decisions d LEFT JOIN approvals a USING (decision_id) "
        "WHERE d.case_id = ? AND (d.action NOT IN ('suspend', 'ban') OR a.approved) "
        "ORDER BY d.created_at DESC, d.decision_id DESC LIMIT 1",
        [case_id],
    ).fetchone()
    return str(row[0]) if row else None


def _hash(obj: Any) -> str:
    return hashlib.sha256(json.dumps(obj, sort_keys=True, default=str).encode()).hexdigest()


def _queue_action(
    desk: Desk, con: duckdb.DuckDBPyConnection, user: str, decision_id: str, now: datetime
) -> str:
    """Put an effective decision in the outbox and audit it; returns its idempotency key."""
    d = con.execute(
        "SELECT d.case_id, d.action, d.policy, d.supersedes, d.reason_kind, c.subject, c.kind, "
        "c.members FROM decisions d JOIN cases c USING (case_id) WHERE d.decision_id = ?",
        [decision_id],
    ).fetchone()
    assert d is not None
    key = f"warden-{decision_id}"
    payload = {
        "idempotency_key": key,
        "decision_id": decision_id,
        "case_id": d[0],
        "action": d[1],
        "policy": d[2],
        "supersedes": d[3],
        "kind": d[4],
        "subject": d[5],
        "subject_kind": d[6],
        "accounts": json.loads(d[7]),
        "effective_at": now.isoformat(),
    }
    con.execute(
        "INSERT OR IGNORE INTO outbox (idempotency_key, decision_id, payload, created_at) "
        "VALUES (?, ?, ?, ?)",
        [key, decision_id, json.dumps(payload), now],
    )
    desk.audit(
        con, user, "action.queued", d[0], {"decision": decision_id, "idempotency_key": key}, now=now
    )
    return key


def decide(
    desk: Desk,
    user: str,
    case_id: str,
    action: str,
    policy: str,
    rationale: str,
    evidence: dict[str, Any] | None = None,
    now: datetime | None = None,
    override: str | None = None,
) -> str:
    """Record a decision. Severe actions wait for a lead's approval. Returns its id.

    A lead may decide a case that another analyst has claimed, saying why in
    ``override``; that is audited (``case.claim_overridden``) with the decision."""
    desk.require(user, "analyst")
    if action not in ACTIONS:
        raise StateError(f"unknown action {action!r}; use one of {', '.join(ACTIONS)}")
    desk.policy(policy)
    text = check_rationale(desk, rationale)
    now = now or utcnow()
    with desk.write() as con:
        row = one(
            con,
            "SELECT state, assignee, claimed_until FROM cases WHERE case_id = ?",
            [case_id],
            f"no case {case_id}",
        )
        state, assignee, until = row
        if state not in ("in_review", "appealed", "open"):
            raise StateError(f"case {case_id} is {state}; it cannot take a decision now")
        holds = assignee == user and until is not None and until > now
        if not holds and not desk.can(user, "lead"):
            raise PermissionDenied(f"claim case {case_id} first (`warden cases claim {case_id}`)")
        claimed_by_other = (
            assignee is not None and assignee != user and until is not None and until > now
        )
        if claimed_by_other:
            why = " ".join((override or "").split())
            if len(why) < 10:
                raise StateError(
                    f"{assignee} has claimed case {case_id}: say why you decide it instead "
                    "(at least 10 characters)"
                )
            desk.audit(
                con,
                user,
                "case.claim_overridden",
                case_id,
                {"claimed_by": assignee},
                private={"reason": why},
                now=now,
            )
        snap = evidence if evidence is not None else snapshot(con, case_id)
        previous = effective_decision(con, case_id)
        kind = "appeal_outcome" if state == "appealed" else "decision"
        decision_id = next_id(con, "decisions", "decision_id", "D")
        con.execute(
            "INSERT INTO decisions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                decision_id,
                case_id,
                action,
                policy,
                text,
                user,
                now,
                json.dumps(snap, default=str),
                _hash(snap),
                previous if kind == "appeal_outcome" else None,
                kind,
            ],
        )
        severe = action in SEVERE
        con.execute(
            "UPDATE cases SET state = ?, policy = ?, updated_at = ? WHERE case_id = ?",
            ["pending_approval" if severe else "decided", policy, now, case_id],
        )
        desk.audit(
            con,
            user,
            "decision.recorded",
            case_id,
            {
                "decision": decision_id,
                "action": action,
                "policy": policy,
                "kind": kind,
                "evidence_hash": _hash(snap),
                "needs_approval": severe,
            },
            private={"rationale": text},
            now=now,
        )
        if not severe:
            _queue_action(desk, con, user, decision_id, now)
    return decision_id


def approve(
    desk: Desk,
    user: str,
    decision_id: str,
    approved: bool = True,
    note: str | None = None,
    now: datetime | None = None,
) -> None:
    """A lead who did not make the decision approves (or refuses) a severe one."""
    desk.require(user, "lead")
    now = now or utcnow()
    with desk.write() as con:
        d = one(
            con,
            "SELECT case_id, actor, action FROM decisions WHERE decision_id = ?",
            [decision_id],
            f"no decision {decision_id}",
        )
        case_id, actor, action = d
        desk.require_second_lead(user, actor, "a decision")
        if action not in SEVERE:
            raise StateError(f"decision {decision_id} ({action}) needs no approval")
        if con.execute("SELECT 1 FROM approvals WHERE decision_id = ?", [decision_id]).fetchone():
            raise StateError(f"decision {decision_id} was already approved or refused")
        con.execute(
            "INSERT INTO approvals VALUES (?, ?, ?, ?, ?)", [decision_id, user, approved, note, now]
        )
        con.execute(
            "UPDATE cases SET state = ?, updated_at = ? WHERE case_id = ?",
            ["decided" if approved else "in_review", now, case_id],
        )
        desk.audit(
            con,
            user,
            "decision.approved" if approved else "decision.refused",
            case_id,
            {"decision": decision_id, "action": action},
            now=now,
        )
        if approved:
            _queue_action(desk, con, user, decision_id, now)


def appeal(desk: Desk, user: str, case_id: str, statement: str, now: datetime | None = None) -> str:
    """Record the account holder's appeal of the case's effective decision."""
    desk.require(user, "analyst")
    now = now or utcnow()
    with desk.write() as con:
        row = one(con, "SELECT state FROM cases WHERE case_id = ?", [case_id], f"no case {case_id}")
        if row[0] not in ("decided", "closed"):
            raise StateError(f"case {case_id} is {row[0]}; only decided cases can be appealed")
        last = effective_decision(con, case_id)
        assert last is not None
        appeal_id = next_id(con, "appeals", "appeal_id", "A")
        con.execute(
            "INSERT INTO appeals VALUES (?, ?, ?, ?, ?, ?)",
            [appeal_id, case_id, last, user, statement, now],
        )
        con.execute(
            "UPDATE cases SET state = 'appealed', assignee = NULL, claimed_until = NULL, "
            "updated_at = ? WHERE case_id = ?",
            [now, case_id],
        )
        desk.audit(
            con,
            user,
            "case.appealed",
            case_id,
            {"appeal": appeal_id, "decision": last},
            private={"statement": statement},
            now=now,
        )
    return appeal_id


def reverse(
    desk: Desk, user: str, decision_id: str, rationale: str, now: datetime | None = None
) -> str:
    """A lead reverses an effective decision: a new ``no_action`` decision supersedes it."""
    desk.require(user, "lead")
    text = check_rationale(desk, rationale)
    now = now or utcnow()
    with desk.write() as con:
        d = one(
            con,
            "SELECT case_id, policy, evidence FROM decisions WHERE decision_id = ?",
            [decision_id],
            f"no decision {decision_id}",
        )
        new_id = next_id(con, "decisions", "decision_id", "D")
        snap = json.loads(d[2])
        con.execute(
            "INSERT INTO decisions VALUES (?, ?, 'no_action', ?, ?, ?, ?, ?, ?, ?, 'reversal')",
            [new_id, d[0], d[1], text, user, now, json.dumps(snap), _hash(snap), decision_id],
        )
        con.execute(
            "UPDATE cases SET state = 'decided', updated_at = ? WHERE case_id = ?", [now, d[0]]
        )
        desk.audit(
            con,
            user,
            "decision.reversed",
            d[0],
            {"decision": new_id, "reverses": decision_id},
            private={"rationale": text},
            now=now,
        )
        _queue_action(desk, con, user, new_id, now)
    return new_id


def export_decisions(desk: Desk, since: datetime | None = None) -> list[dict[str, Any]]:
    """Every decision with its statement of reasons, for transparency reports (uncapped)."""
    sql = (
        "SELECT d.decision_id, d.case_id, c.kind, c.subject, d.action, d.policy, d.rationale, "
        "d.created_at, d.reason_kind, d.supersedes, a.approved, a.approver FROM decisions d "
        "JOIN cases c USING (case_id) LEFT JOIN approvals a USING (decision_id)"
    )
    args: list[Any] = []
    if since is not None:
        sql += " WHERE d.created_at >= ?"
        args.append(since)
    sql += " ORDER BY d.created_at, d.decision_id"
    keys = (
        "decision_id",
        "case_id",
        "subject_kind",
        "subject",
        "action",
        "policy",
        "statement_of_reasons",
        "decided_at",
        "kind",
        "supersedes",
        "approved",
        "approver",
    )
    with desk.store.read() as con:
        rows = con.execute(sql, args).fetchall()
    out = []
    for r in rows:
        d = dict(zip(keys, r, strict=True))
        d["decided_at"] = d["decided_at"].isoformat()
        d["effective"] = d["action"] not in SEVERE or bool(d["approved"])
        out.append(d)
    return out


def record_export(desk: Desk, user: str, count: int, via: str) -> None:
    """Audit an export of decisions (``warden audit export``, the dashboard's download)."""
    with desk.write() as con:
        desk.audit(con, user, "audit.exported", None, {"decisions": count, "via": via})


@dataclass(frozen=True)
class PendingApproval:
    """A severe decision waiting for a second lead."""

    decision_id: str
    case_id: str
    action: str
    policy: str
    actor: str
    created_at: datetime


def awaiting_approval(desk: Desk, user: str) -> list[PendingApproval]:
    """Severe decisions ``user`` may approve: not approved or refused yet, and not their
    own (four eyes), oldest first. Empty for anyone who is not a lead."""
    if not desk.can(user, "lead"):
        return []
    with desk.store.read() as con:
        rows = con.execute(
            "SELECT d.decision_id, d.case_id, d.action, d.policy, d.actor, d.created_at "
            "FROM decisions d LEFT JOIN approvals a USING (decision_id) "
            "WHERE a.decision_id IS NULL AND d.action IN (SELECT unnest(?::VARCHAR[])) "
            "ORDER BY d.created_at",
            [list(SEVERE)],
        ).fetchall()
    return [PendingApproval(*r) for r in rows if not same_person(r[4], user)]


def templates(desk: Desk) -> dict[str, str]:
    """The statement-of-reasons templates, per policy id."""
    with desk.store.read() as con:
        rows = con.execute("SELECT policy, text FROM rationale_templates ORDER BY 1").fetchall()
    return {p: t for p, t in rows}


def set_template(
    desk: Desk, user: str, policy: str, text: str, now: datetime | None = None
) -> None:
    """A lead sets (or, with empty text, removes) the template of a policy; audited."""
    desk.require(user, "lead")
    desk.policy(policy)
    now = now or utcnow()
    body = text.strip()
    if body:
        body = check_rationale(desk, body)
    with desk.write() as con:
        if body:
            con.execute(
                "INSERT OR REPLACE INTO rationale_templates VALUES (?, ?, ?, ?)",
                [policy, body, user, now],
            )
        else:
            con.execute("DELETE FROM rationale_templates WHERE policy = ?", [policy])
        desk.audit(
            con,
            user,
            "template.updated" if body else "template.removed",
            None,
            {"policy": policy, "chars": len(body)},
            now=now,
        )


@dataclass(frozen=True)
class BulkResult:
    decisions: dict[str, str]  # member account -> decision id
    skipped: dict[str, str]  # member account -> why (claimed by someone else, decided)
    group_decision: str | None


def decide_members(
    desk: Desk,
    user: str,
    case_id: str,
    action: str,
    policy: str,
    rationale: str,
    now: datetime | None = None,
) -> BulkResult:
    """Decide a group case member by member: each member account gets its own case
    (opened if it has none) and its own decision, audited one by one; then the group case
    gets the same decision. Members whose case someone else holds, or that cannot take a
    decision now, are skipped and reported."""

    group = case_api.get_case(desk, case_id, now=now).case
    if group.kind != "group":
        raise StateError(f"case {case_id} is an {group.kind} case; decide it directly")
    check_rationale(desk, rationale)
    desk.policy(policy)
    done: dict[str, str] = {}
    skipped: dict[str, str] = {}
    for member in group.members:
        member_case, _ = case_api.open_or_update(
            desk,
            kind="account",
            subject=member,
            members=[member],
            risk=group.risk,
            reasons=[f"member of coordinated group {group.subject} (case {case_id})"],
            policy=policy,
            source=f"group:{case_id}",
            actor=user,
            now=now,
        )
        try:
            case_api.claim(desk, user, member_case, now=now)
            done[member] = decide(desk, user, member_case, action, policy, rationale, now=now)
        except (StateError, PermissionDenied) as exc:
            skipped[member] = str(exc)
    case_api.claim(desk, user, case_id, now=now)
    group_decision = decide(desk, user, case_id, action, policy, rationale, now=now)
    with desk.write() as con:
        desk.audit(
            con,
            user,
            "case.bulk_decided",
            case_id,
            {"decided": len(done), "skipped": len(skipped), "action": action},
            now=now,
        )
    return BulkResult(done, skipped, group_decision)


def final_labels(desk: Desk) -> list[Label]:
    """Every account with a final decision, as a :class:`~warden.labels.Label`, oldest
    decision first. An account's label is the latest decision in force on its own cases,
    else on the group cases it belongs to. A severe decision counts only once approved;
    a refused or pending one, an appeal not yet decided, an alert case and an account
    nobody decided give no label: an undecided account is never a negative."""
    with desk.store.read() as con:
        rows = con.execute(
            "SELECT c.kind, c.subject, c.members, d.decision_id, d.action, d.policy, "
            "d.created_at FROM decisions d JOIN cases c USING (case_id) "
            "LEFT JOIN approvals a USING (decision_id) "
            "WHERE c.kind IN ('account', 'group') "
            "AND (d.action NOT IN (SELECT unnest(?::VARCHAR[])) OR a.approved) "
            "QUALIFY row_number() OVER (PARTITION BY d.case_id "
            "ORDER BY d.created_at DESC, d.decision_id DESC) = 1",
            [list(SEVERE)],
        ).fetchall()
    own: dict[str, Label] = {}
    via_group: dict[str, Label] = {}
    for kind, subject, members, decision_id, action, policy, at in rows:
        accounts = [subject] if kind == "account" else json.loads(members)
        target = own if kind == "account" else via_group
        for account in accounts:
            label = Label(account, action != "no_action", action, policy, decision_id, at)
            known = target.get(account)
            if known is None or (at, decision_id) > (known.decided_at, known.decision_id):
                target[account] = label
    merged = via_group | own
    return sorted(merged.values(), key=lambda lb: (lb.decided_at, lb.account))
