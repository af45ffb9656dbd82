"""Explore: the 2-D map of accounts, coloured by cluster and sized by risk; select
points to see them and open their cases."""

from __future__ import annotations

import altair as alt
import streamlit as st

from app.dashboard.common import context, read_desk, read_store
from enforcement import cases
from investigate import evidence

ctx = context()
st.title("Explore")
rows = read_store(ctx, evidence.scores, limit=20000)
if not rows:
    st.info("No detection run yet.")
    st.stop()
min_risk = st.slider("Minimum risk", 0.0, 1.0, 0.0, 0.05)
values = [
    {
        "account": r.account,
        "x": r.x,
        "y": r.y,
        "cluster": str(r.cluster) if r.cluster is not None and r.cluster >= 0 else "noise",
        "risk": round(r.score, 3),
        "group": r.group or "",
    }
    for r in rows
    if r.score >= min_risk
]
sel = alt.selection_point(name="pick", fields=["account"])
chart = (
    alt.Chart(alt.Data(values=values))  # type: ignore[no-untyped-call]
    .mark_circle(opacity=0.7)
    .encode(
        x=alt.X("x:Q", title="PC 1"),
        y=alt.Y("y:Q", title="PC 2"),
        color=alt.Color("cluster:N", legend=alt.Legend(columns=2)),
        size=alt.Size("risk:Q", scale=alt.Scale(range=[10, 300])),
        tooltip=["account:N", "cluster:N", "risk:Q", "group:N"],
    )
    .add_params(sel)
)
event = st.altair_chart(chart, width="stretch", on_select="rerun", key="map")
picked = [p["account"] for p in (event.selection.get("pick") or [])] if event else []
if picked:
    st.dataframe([v for v in values if v["account"] in picked], hide_index=True)
    found = read_desk(ctx, cases.cases_of, picked[0])
    if found and st.button(f"Open case {found[0]}"):
        st.session_state["case_id"] = found[0]
        st.switch_page("views/case.py", query_params={"case": found[0]})
else:
    st.caption("Select a point to see the account.")
