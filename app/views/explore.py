"""Explore: the 2-D map of accounts, coloured by cluster and sized by risk; select
points to see them and open their cases."""

from __future__ import annotations

import sys
from pathlib import Path

import altair as alt
import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.common import context, home_of, query

ctx = context()
home = home_of(ctx)
st.title("Explore")
run = query(home, "SELECT run_id FROM detection_runs ORDER BY finished_at DESC LIMIT 1")
rows = (
    query(
        home,
        "SELECT account, x, y, coalesce(cluster, -1), score, group_id FROM "
        "account_scores WHERE run_id = ? ORDER BY score DESC LIMIT 20000",
        (run[0][0],),
    )
    if run
    else []
)
if not rows:
    st.info("No detection run yet.")
    st.stop()
values = [
    {
        "account": a,
        "x": x,
        "y": y,
        "cluster": str(c) if c >= 0 else "noise",
        "risk": round(s, 3),
        "group": g or "",
    }
    for a, x, y, c, s, g in rows
]
min_risk = st.slider("Minimum risk", 0.0, 1.0, 0.0, 0.05)
values = [v for v in values if v["risk"] >= min_risk]
sel = alt.selection_point(name="pick", fields=["account"])
chart = (
    alt.Chart(alt.Data(values=values))
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
    case = query(
        home,
        "SELECT case_id FROM cases WHERE list_contains(members::VARCHAR[], ?) "
        "ORDER BY opened_at DESC LIMIT 1",
        (picked[0],),
    )
    if case and st.button(f"Open case {case[0][0]}"):
        st.session_state["case_id"] = case[0][0]
        st.switch_page("views/case.py")
else:
    st.caption("Select a point to see the account.")
