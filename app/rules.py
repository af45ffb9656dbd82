"""Unknown kinds of abuse: emerging patterns and policies as code (docs/policies.md).
The command line (`warden patterns`, `warden policies`), the dashboard's Patterns and
Policies pages and the notebook's ``Workspace`` call these; each step is audited.

Who may: analysts find, name and mark patterns and draft policies; recording a changed
policy file and asking for ``live`` need the lead role, and a policy goes live only when
a second lead approves (four eyes, the desk's one check).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from enforcement.decisions import final_labels
from enforcement.desk import Desk, utcnow
from investigate import patterns as pattern_api
from investigate import policies as policy_api
from warden.errors import StateError


def find_patterns(
    desk: Desk, user: str, window_days: int = 7, sample: int = 20_000
) -> tuple[str, pattern_api.PatternRun]:
    """Find the window's patterns and keep them (for names, marks and drafts)."""
    desk.require(user, "analyst")
    run = pattern_api.find(
        desk.store, window_days=window_days, sample=sample, seed=desk.config.detection.seed
    )
    now = utcnow()
    run_id = f"patterns-{now:%Y%m%dT%H%M%S}-{secrets.token_hex(3)}"
    with desk.write() as con:
        pattern_api.save(con, run, run_id, now)
        desk.audit(
            con,
            user,
            "patterns.found",
            run_id,
            {"patterns": len(run.patterns), "prompts": run.prompts, "window_days": window_days},
            now=now,
        )
    return run_id, run


def mark_pattern(desk: Desk, user: str, pattern: str, name: str, label: str) -> None:
    """Name a pattern and mark it benign, abusive or unclear (audited)."""
    desk.require(user, "analyst")
    now = utcnow()
    with desk.write() as con:
        pattern_api.mark(con, pattern, name, label, user, now)
        desk.audit(con, user, "pattern.marked", pattern, {"name": name, "mark": label}, now=now)


def draft_from_pattern(
    desk: Desk, user: str, pattern: str, name: str, policy: str
) -> policy_api.PolicyDef:
    """Write ``policies/NAME.toml``, a draft term policy over the pattern's words, and
    record it (audited). Refuses to overwrite a file."""
    desk.require(user, "analyst")
    desk.policy(policy)
    p = pattern_api.get(desk.store, pattern)
    d = policy_api.from_pattern(name, p.terms, policy, user, pattern, p.mark or "unmarked")
    path = policy_api.folder(desk.config) / f"{name}.toml"
    if path.exists():
        raise StateError(f"{path} exists already; choose another name or edit that file")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(d.to_toml(), encoding="utf-8")
    now = utcnow()
    with desk.write() as con:
        policy_api.record(con, d, user, now)
        desk.audit(
            con,
            user,
            "policy.drafted",
            name,
            {"from_pattern": pattern, "version": 1, "terms": list(d.terms)},
            now=now,
        )
    return d


@dataclass(frozen=True)
class SyncChange:
    name: str
    change: str  # new, changed, state
    version: int
    state: str


def sync(desk: Desk, user: str) -> list[SyncChange]:
    """Record what changed in ``policies/*.toml`` (audited, one entry a policy). New
    drafts may come from anyone with a role; a change to a policy in shadow or live, or a
    file asking for ``live``, needs a lead (and live then a second lead's approval)."""
    desk.require(user, "analyst")
    files = policy_api.load_files(desk.config)
    now = utcnow()
    out = []
    with desk.write() as con:
        known = {v.name: v for v in policy_api.current_in(con)}
        for d in files:
            before = known.get(d.name)
            running = before is not None and before.state in ("shadow", "live", "pending")
            unchanged = (
                before is not None
                and before.definition.digest() == d.digest()
                and before.state == ("pending" if d.state == "live" else d.state)
            )
            needs_lead = d.state in ("shadow", "live") or running
            if needs_lead and not unchanged and not desk.can(user, "lead"):
                raise StateError(
                    f"{d.name}: putting a policy in shadow or live, or changing one that "
                    "runs, needs the lead role"
                )
            change, _ = policy_api.record(con, d, user, now)
            if change == "same":
                continue
            v = policy_api.get_in(con, d.name)
            desk.audit(
                con,
                user,
                f"policy.{'created' if change == 'new' else 'changed'}",
                d.name,
                {
                    "version": v.version,
                    "state": v.state,
                    "change": change,
                    "digest": d.digest(),
                    "rule": d.describe(),
                },
                now=now,
            )
            out.append(SyncChange(d.name, change, v.version, v.state))
    return out


def settle(desk: Desk, user: str, name: str, approved: bool, note: str = "") -> None:
    """A second lead approves (live) or refuses (back to shadow) a pending policy."""
    now = utcnow()
    with desk.write() as con:
        v = policy_api.get_in(con, name)
        if v.state != "pending" or v.requested_by is None:
            raise StateError(f"policy {name!r} is {v.state}; nothing waits for approval")
        desk.require_second_lead(user, v.requested_by, "the request to put it live")
        policy_api.settle(con, name, user, approved, now)
        desk.audit(
            con,
            user,
            "policy.approved" if approved else "policy.refused",
            name,
            {"version": v.version, "requested_by": v.requested_by},
            private={"note": note} if note else None,
            now=now,
        )


def backtest(desk: Desk, name: str, days: int = 90) -> policy_api.Backtest:
    """What a recorded policy would have flagged over history, against decisions."""
    with desk.store.read() as con:
        v = policy_api.get_in(con, name)
        cased: set[str] = set()
        for subject, members in con.execute("SELECT subject, members FROM cases").fetchall():
            cased.add(subject)
            cased.update(_json_list(members))
    decided = {lb.account: lb.actioned for lb in final_labels(desk)}
    return policy_api.backtest(
        desk.store, v.definition, v.version, days, decided=decided, cased=cased
    )


def _json_list(text: str) -> list[str]:
    import json

    value = json.loads(text)
    return [str(x) for x in value] if isinstance(value, list) else []


@dataclass(frozen=True)
class PolicyRow:
    name: str
    version: int
    state: str
    kind: str  # signal (built in) | terms | features
    policy: str
    rule: str
    owner: str
    requested_by: str | None = None
    approved_by: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def listing(desk: Desk | None, config: Any) -> list[PolicyRow]:
    """The built-in signals (live unless disabled) and every recorded policy."""
    det = config.detection
    active = {s.name for s in det.active_signals()}
    rows = [
        PolicyRow(
            s.name,
            s.version,
            "live" if s.name in active else "retired",
            "signal",
            s.policy,
            ", ".join(f"{f} >= {t:g}" for f, t in s.at_least.items()),
            "built in",
        )
        for s in det.signals
    ]
    if desk is not None:
        for v in policy_api.current(desk.store):
            d = v.definition
            rows.append(
                PolicyRow(
                    d.name,
                    v.version,
                    v.state,
                    "features" if d.where else "terms",
                    d.policy,
                    d.describe(),
                    d.owner,
                    v.requested_by,
                    v.approved_by,
                )
            )
    return rows


def hits_by_run(desk: Desk, limit: int = 20) -> list[dict[str, Any]]:
    """Per recent sweep run and policy: accounts flagged, with the policy's state then
    (shadow and live side by side)."""
    with desk.store.read() as con:
        rows = con.execute(
            "SELECT run_id, min(seen_at) AS seen, name, version, state, count(*) FROM policy_hits "
            "WHERE run_id IN (SELECT run_id FROM policy_hits GROUP BY run_id "
            "ORDER BY max(seen_at) DESC LIMIT ?) GROUP BY run_id, name, version, state "
            "ORDER BY seen DESC, name",
            [limit],
        ).fetchall()
    return [
        {"run": r, "at": at, "policy": n, "version": v, "state": s, "accounts": c}
        for r, at, n, v, s, c in rows
    ]


def run_policies(
    desk: Desk, run_id: str, start: datetime, end: datetime, now: datetime
) -> list[tuple[policy_api.PolicyVersion, dict[str, int]]]:
    """Evaluate every shadow and live policy over a detection run's window and record
    their hits; returns each with what it flagged (the sweep opens cases for the live)."""
    ran = []
    with desk.write() as con:
        for v in policy_api.current_in(con):
            if v.state not in ("shadow", "live"):
                continue
            found = policy_api.matches(con, v.definition, start, end, run_id)
            for account, n in found.items():
                con.execute(
                    "INSERT INTO policy_hits VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [run_id, v.name, v.version, v.state, account, n, now],
                )
            ran.append((v, found))
    return ran
