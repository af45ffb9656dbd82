"""Queue: unfinished cases by priority, filters, claim and release."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import streamlit as st

from app.dashboard.common import act, context, flash, read_desk
from enforcement import cases, decisions, reid

ctx = context()
st.title("Queue")
cfg = ctx.desk.config
inbox = read_desk(ctx, decisions.awaiting_approval, ctx.user)
reid_inbox = read_desk(ctx, reid.awaiting_approval, ctx.user)
mine_only = False
if ctx.can("lead"):
    mine_only = st.toggle(
        f"Awaiting my approval: {len(inbox)} decision(s), {len(reid_inbox)} "
        "re-identification request(s)",
        disabled=not (inbox or reid_inbox),
    )
c1, c2, c3, c4, c5 = st.columns(5)
states = c1.multiselect(
    "State",
    ["open", "in_review", "pending_approval", "appealed", "decided", "closed"],
    default=["open", "in_review", "pending_approval", "appealed"],
)
policy = c2.selectbox("Policy", ["(any)"] + [p.id for p in cfg.enforcement.policies])
severity = c3.selectbox("Severity", ["(any)", "critical", "high", "medium", "low"])
assignee = c4.selectbox("Assignee", ["(anyone)", "me"])
due = c5.selectbox("Due", ["(any time)", "overdue", "within 24 h"])

now = datetime.now(UTC)
due_before = {"overdue": now, "within 24 h": now + timedelta(hours=24)}.get(due)
rows = cases.list_cases(
    ctx.desk,
    states=tuple(states) or ("open",),
    policy=None if policy == "(any)" else policy,
    severity=None if severity == "(any)" else severity,
    assignee=ctx.user if assignee == "me" else None,
    due_before=due_before,
    limit=500,
    now=now,
)
if mine_only:
    waiting = {p.case_id for p in inbox} | {r.case_id for r in reid_inbox}
    rows = [
        r
        for r in cases.list_cases(ctx.desk, states=cases.ALL_STATES, limit=5000, now=now)
        if r.case_id in waiting
    ]

if not rows:
    st.info(
        "No cases match. Sweeps open cases for accounts and groups that cross the risk threshold."
    )
    st.stop()


def badge(r: cases.Case) -> str:
    if r.overdue:
        return "OVERDUE"
    if r.due_at - now < timedelta(hours=4):
        return "due soon"
    return "ok"


# Risks of flagged accounts crowd near 1: the rank among the listed cases says more.
by_risk = sorted(rows, key=lambda r: -r.risk)
rank = {r.case_id: i + 1 for i, r in enumerate(by_risk)}
table = [
    {
        "case": r.case_id,
        "priority": round(r.priority, 1),
        "SLA": badge(r),
        "state": r.state,
        "severity": r.severity,
        "risk rank": f"{rank[r.case_id]} of {len(rows)}",
        "risk": round(r.risk, 4),
        "suggested policy": r.policy or "",
        "top reason": (r.top_reason or "")[:160],
        "kind": r.kind,
        "members": len(r.accounts),
        "assignee": r.assignee or "",
        "due": r.due_at.strftime("%Y-%m-%d %H:%M"),
        "subject": r.subject,
    }
    for r in rows
]
st.caption(f"{len(rows)} cases, highest priority first")
picked_row = st.dataframe(
    table,
    hide_index=True,
    width="stretch",
    height=min(600, 40 + 35 * len(table)),
    on_select="rerun",
    selection_mode="single-row",
    key="queue_table",
)
chosen = picked_row.selection.rows if picked_row else []
if chosen:  # a click on a row opens its case
    target = rows[chosen[0]].case_id
    st.session_state["case_id"] = target
    st.switch_page("views/case.py", query_params={"case": target})
st.caption(
    "Priority = risk x severity weight x 100, plus half a point per hour waiting. "
    "The suggested policy comes from the policy signals; the decision chooses its own."
)

ids = [r.case_id for r in rows]
pick = st.selectbox("Case", ids, key="queue_case")
b1, b2, b3 = st.columns(3)
if b1.button("Claim", key="claim"):
    until = act("Claim", cases.claim, ctx.desk, ctx.user, pick)
    flash("success", f"{pick} is yours until {until:%H:%M} UTC")
    st.rerun()  # so that the table shows the new assignee
if b2.button("Release", key="release"):
    act("Release", cases.release, ctx.desk, ctx.user, pick)
    flash("success", f"{pick} released")
    st.rerun()
if b3.button("Open case", key="open"):
    st.session_state["case_id"] = pick
    st.switch_page("views/case.py", query_params={"case": pick})
