"""Audit: verification status, the log with filters, export of decisions."""

from __future__ import annotations

import json

import streamlit as st

from app.dashboard.common import context, escape_md, read_store, verification
from enforcement.decisions import export_decisions, record_export
from warden import audit

ctx = context()
st.title("Audit log")
# A full verification reads the whole log: done once per log size, not on every render.
result = verification(ctx, read_store(ctx, audit.size))
(st.success if result.ok else st.error)(result.message)
c1, c2 = st.columns(2)
actions, actors = read_store(ctx, audit.facets)
pick_actions = c1.multiselect("Action", actions)
pick_actors = c2.multiselect("Actor", actors)
rows = read_store(ctx, audit.entries, actions=pick_actions, actors=pick_actors, limit=1000)
st.subheader("Latest entries")
for e in rows[:8]:
    st.markdown(
        f"`{e.seq}` {e.ts[:19]} **{escape_md(e.action)}** by {escape_md(e.actor)}"
        + (f" on {escape_md(e.subject)}" if e.subject else "")
    )
st.subheader("Log")
st.dataframe(
    [
        {
            "seq": e.seq,
            "time": e.ts,
            "actor": e.actor,
            "action": e.action,
            "subject": e.subject or "",
            "details": e.details,
        }
        for e in rows
    ],
    hide_index=True,
    width="stretch",
)
if ctx.can("lead"):
    decisions = export_decisions(ctx.desk)
    payload = "\n".join(json.dumps(d, default=str, ensure_ascii=False) for d in decisions)

    st.download_button(
        f"Export {len(decisions)} decisions (JSON Lines)",
        payload,
        file_name="warden-decisions.jsonl",
        on_click=record_export,
        args=(ctx.desk, ctx.user, len(decisions), "dashboard"),
    )
