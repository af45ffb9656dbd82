"""Subject: everything about one account or one coordinated group: its cases with their
decisions and appeals, the account's history (first seen, volume by week, scores and
policy signals run by run) or the group's members and their risks, and internal notes."""

from __future__ import annotations

import altair as alt
import streamlit as st

from app.dashboard.common import act, context, escape_md, flash, read_desk, read_store
from enforcement import cases, notes
from investigate import evidence
from redaction.scan import scan_text

ctx = context()
st.title("Subject")
subject = st.text_input(
    "Account pseudonym or group id", value=st.query_params.get("subject", ""), key="subject"
).strip()
if not subject:
    st.info("Open a subject from a case, or paste an account pseudonym (ac_v1_...) or a group id.")
    st.stop()
st.query_params["subject"] = subject
is_group = subject.startswith("G")

if is_group:
    group = next((g for g in read_store(ctx, evidence.groups) if g.group_id == subject), None)
    members = group.members if group else []
    st.subheader("Members and their risk (latest run)")
    if not members:
        st.caption("This group is not in the latest detection run.")
    st.dataframe(
        [
            {
                "account": m.account,
                "risk": round(m.score, 4),
                "top reason": (m.reasons or [""])[0][:160],
            }
            for m in read_store(ctx, evidence.member_scores, members)
        ],
        hide_index=True,
        width="stretch",
    )
else:
    history = read_store(ctx, evidence.account_history, subject)
    if history.requests == 0:
        st.warning("No events of this account in the store.")
    else:
        c1, c2, c3 = st.columns(3)
        c1.metric("First seen", f"{history.first_seen:%Y-%m-%d}")
        c2.metric("Last seen", f"{history.last_seen:%Y-%m-%d}")
        c3.metric("Requests", f"{history.requests:,}")
        weeks = [
            {"week": w.hour.isoformat(), "requests": w.requests, "flagged": w.flagged}
            for w in history.weekly
        ]
        base = alt.Chart(alt.Data(values=weeks)).encode(  # type: ignore[no-untyped-call]
            x=alt.X("week:T", title="requests per week (UTC)")
        )
        st.altair_chart(
            base.mark_bar(opacity=0.6).encode(y="requests:Q")
            + base.mark_bar(color="#d62728").encode(y="flagged:Q"),
            width="stretch",
        )
        st.subheader("Scores and policy signals, run by run")
        st.dataframe(
            [
                {
                    "run": r.run_id,
                    "finished": f"{r.finished_at:%Y-%m-%d %H:%M}",
                    "risk": round(r.score, 4),
                    "policy signals": ", ".join(r.signals) or "-",
                }
                for r in history.runs
            ],
            hide_index=True,
            width="stretch",
        )

st.subheader("Cases")
found = read_desk(ctx, cases.cases_of, subject)
if not found:
    st.caption("No case yet.")
for cid in found:
    file = cases.get_case(ctx.desk, cid)
    c = file.case
    st.markdown(
        f"**{cid}** ({c.kind}, {c.state}, opened {c.opened_at:%Y-%m-%d}): "
        + (
            "; ".join(
                f"{d.decision_id} {d.action} under {d.policy} ({d.status})" for d in file.decisions
            )
            or "no decision"
        )
        + (f"; {len(file.appeals)} appeal(s)" if file.appeals else "")
    )
    if st.button(f"Open {cid}", key=f"open-{cid}"):
        st.switch_page("views/case.py", query_params={"case": cid})

st.subheader("Internal notes")
st.caption("For analysts only: audited, never exported. No personal data in notes.")
for n in read_desk(ctx, notes.notes_for, subject):
    st.markdown(f"**{n.note_id}** {escape_md(n.author)}, {n.created_at:%Y-%m-%d %H:%M} UTC")
    st.text(n.text)
text = st.text_area("New note", key=f"note-{subject}")
if st.button("Add note"):
    nid = act("Note", notes.add_note, ctx.desk, ctx.user, subject, text, scan_text)
    st.session_state.pop(f"note-{subject}", None)
    flash("success", f"note {nid} added")
    st.rerun()
