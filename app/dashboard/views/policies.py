"""Policies: the built-in signals and the policies as code of policies/*.toml, their
states, four-eyes approval for live, backtests over history, and shadow beside live."""

from __future__ import annotations

import altair as alt
import streamlit as st

from app import rules
from app.dashboard.common import act, context, escape_md, flash

ctx = context()
st.title("Policies")
st.caption(
    "Policies are files under the home (policies/NAME.toml, docs/policies.md). A shadow "
    "policy runs in every sweep and records what it would flag without opening cases; a "
    "live one opens cases, once a second lead approves it."
)
rows = rules.listing(ctx.desk, ctx.desk.config)
st.dataframe(
    [
        {
            "policy": r.name,
            "version": r.version,
            "state": r.state,
            "kind": r.kind,
            "cites": r.policy,
            "rule": r.rule,
            "owner": r.owner,
        }
        for r in rows
    ],
    hide_index=True,
    width="stretch",
)
if st.button("Record changes from policies/*.toml", key="sync"):
    changes = act("Sync", rules.sync, ctx.desk, ctx.user)
    flash("success", "; ".join(f"{c.name} v{c.version} {c.state}" for c in changes) or "no change")
    st.rerun()

pending = [r for r in rows if r.state == "pending"]
if pending:
    st.subheader("Waiting for a second lead")
for r in pending:
    st.write(
        f"**{escape_md(r.name)}** v{r.version}: live asked by {escape_md(r.requested_by)}. "
        f"{escape_md(r.rule)}"
    )
    if ctx.can("lead"):
        note = st.text_input("Comment", key=f"note-{r.name}")
        yes, no = st.columns(2)
        for col, label, ok in ((yes, "Approve", True), (no, "Refuse", False)):
            if col.button(f"{label} {r.name}", key=f"{label}-{r.name}"):
                act(label, rules.settle, ctx.desk, ctx.user, r.name, ok, note)
                flash("success", f"{r.name}: {'live' if ok else 'back to shadow'}")
                st.rerun()

coded = [r.name for r in rows if r.kind != "signal"]
st.subheader("Backtest")
if not coded:
    st.info("No policy file recorded yet: draft one from the Patterns page or write one.")
else:
    which = st.selectbox("Policy", coded, key="bt-policy")
    window = st.slider("Days of history", 7, 365, 90, key="bt-days")
    bt = act("Backtest", rules.backtest, ctx.desk, which, window)
    a, b, c, d = st.columns(4)
    a.metric("Accounts flagged", len(bt.flagged))
    b.metric("Already in cases", bt.in_cases)
    c.metric("Actioned / cleared", f"{bt.actioned} / {bt.cleared}")
    d.metric("Precision", f"{bt.precision:.0%}" if bt.precision is not None else "-")
    data = [
        {"day": day.isoformat(), "matching": volume, "accounts flagged": new}
        for day, volume, new in bt.daily
    ]
    if data:
        chart = (
            alt.Chart(alt.Data(values=data))  # type: ignore[no-untyped-call]
            .mark_bar()
            .encode(
                x=alt.X("day:T", title="day"),
                y=alt.Y("accounts flagged:Q", title="accounts first flagged that day"),
                tooltip=["day:T", "matching:Q", "accounts flagged:Q"],
            )
        )
        st.altair_chart(chart, width="stretch")

st.subheader("Shadow beside live")
hits = rules.hits_by_run(ctx.desk)
if not hits:
    st.write("No shadow or live policy has run in a sweep yet.")
else:
    st.dataframe(
        [
            {
                "sweep run": h["run"],
                "at": h["at"],
                "policy": h["policy"],
                "version": h["version"],
                "state": h["state"],
                "accounts": h["accounts"],
            }
            for h in hits
        ],
        hide_index=True,
        width="stretch",
    )
