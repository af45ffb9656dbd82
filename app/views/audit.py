"""Audit: verification status, the log with filters, export of decisions."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.common import context, escape_md, home_of, query
from enforcement.audit import AuditEvent, audited, record, verify
from enforcement.decisions import export_decisions

ctx = context()
home = home_of(ctx)
st.title("Audit log")
result = verify(ctx.desk.store, ctx.desk.config.home)
(st.success if result.ok else st.error)(result.message)
c1, c2 = st.columns(2)
actions = [r[0] for r in query(home, "SELECT DISTINCT action FROM audit_log ORDER BY 1")]
actors = [r[0] for r in query(home, "SELECT DISTINCT actor FROM audit_log ORDER BY 1")]
pick_actions = c1.multiselect("Action", actions)
pick_actors = c2.multiselect("Actor", actors)
sql = "SELECT seq, ts, actor, action, subject, details FROM audit_log"
where, args = [], []
if pick_actions:
    where.append("action IN (SELECT unnest(?::VARCHAR[]))")
    args.append(pick_actions)
if pick_actors:
    where.append("actor IN (SELECT unnest(?::VARCHAR[]))")
    args.append(pick_actors)
if where:
    sql += " WHERE " + " AND ".join(where)
rows = query(home, sql + " ORDER BY seq DESC LIMIT 1000", tuple(args))
st.subheader("Latest entries")
for s_, t_, a_, ac_, su_, _ in rows[:8]:
    st.markdown(
        f"`{s_}` {t_[:19]} **{escape_md(ac_)}** by {escape_md(a_)}"
        + (f" on {escape_md(su_)}" if su_ else "")
    )
st.subheader("Log")
st.dataframe(
    [
        {"seq": s, "time": t, "actor": a, "action": ac, "subject": su or "", "details": d}
        for s, t, a, ac, su, d in rows
    ],
    hide_index=True,
    width="stretch",
)
if ctx.can("lead"):
    decisions = export_decisions(ctx.desk)
    payload = "\n".join(json.dumps(d, default=str, ensure_ascii=False) for d in decisions)

    def _audit_export() -> None:
        with audited(ctx.desk.store, ctx.desk.config.home, ctx.desk.audit_keys) as con:
            record(
                con,
                AuditEvent(
                    ctx.user,
                    "audit.exported",
                    None,
                    {"decisions": len(decisions), "via": "dashboard"},
                ),
            )

    st.download_button(
        f"Export {len(decisions)} decisions (JSON Lines)",
        payload,
        file_name="warden-decisions.jsonl",
        on_click=_audit_export,
    )
