"""Groups: coordinated groups of the latest run, as a graph of accounts and what links them."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.common import context, home_of, query

ctx = context()
home = home_of(ctx)
st.title("Coordinated groups")
run = query(home, "SELECT run_id FROM detection_runs ORDER BY finished_at DESC LIMIT 1")
groups = (
    query(
        home,
        "SELECT group_id, size, risk, members, evidence FROM account_groups "
        "WHERE run_id = ? ORDER BY risk DESC, size DESC",
        (run[0][0],),
    )
    if run
    else []
)
if not groups:
    st.info("No coordinated group in the latest detection run.")
    st.stop()
st.dataframe(
    [{"group": g, "accounts": n, "risk": round(r, 3), **json.loads(e)} for g, n, r, _, e in groups],
    hide_index=True,
    width="stretch",
)
pick = st.selectbox("Group", [g[0] for g in groups])
g = next(x for x in groups if x[0] == pick)
members = json.loads(g[3])
links = query(
    home,
    "SELECT account, ip_net, template_hash, count(*) FROM events "
    "WHERE account IN (SELECT unnest(?::VARCHAR[])) GROUP BY ALL",
    (members,),
)
nets: dict[str, set[str]] = {}
tpls: dict[str, set[str]] = {}
for acc, net, tpl, _ in links:
    if net:
        nets.setdefault(net, set()).add(acc)
    if tpl:
        tpls.setdefault(tpl, set()).add(acc)
lines = ["graph G {", "rankdir=LR;", 'node [fontsize=10, style=filled, fillcolor="#eef"];']
for m in members:
    lines.append(f'"{m}" [label="{m[:14]}…", shape=ellipse];')
for net, accs in nets.items():
    if len(accs) > 1:
        lines.append(f'"{net}" [label="network {net[:12]}…", shape=box, fillcolor="#fde"];')
        lines += [f'"{a}" -- "{net}";' for a in sorted(accs)]
for tpl, accs in tpls.items():
    if len(accs) > 1:
        lines.append(f'"t{tpl}" [label="template {tpl[:8]}", shape=note, fillcolor="#ffd"];')
        lines += [f'"{a}" -- "t{tpl}";' for a in sorted(accs)]
lines.append("}")
st.graphviz_chart("\n".join(lines))
case = query(
    home, "SELECT case_id FROM cases WHERE subject = ? ORDER BY opened_at DESC LIMIT 1", (pick,)
)
if case and st.button(f"Open case {case[0][0]}"):
    st.session_state["case_id"] = case[0][0]
    st.switch_page("views/case.py")
