"""Groups: coordinated groups of the latest run, as a graph of accounts and what links them."""

from __future__ import annotations

import streamlit as st

from app.dashboard.common import context, read_desk, read_store
from enforcement import cases
from investigate import evidence

ctx = context()
st.title("Coordinated groups")
groups = read_store(ctx, evidence.groups)
if not groups:
    st.info("No coordinated group in the latest detection run.")
    st.stop()
st.dataframe(
    [
        {"group": g.group_id, "accounts": g.size, "risk": round(g.risk, 3), **g.evidence}
        for g in groups
    ],
    hide_index=True,
    width="stretch",
)
pick = st.selectbox("Group", [g.group_id for g in groups])
members = next(g for g in groups if g.group_id == pick).members
shared: dict[tuple[str, str], list[str]] = {}
for link in read_store(ctx, evidence.group_links, members):
    shared.setdefault((link.kind, link.node), []).append(link.account)
lines = ["graph G {", "rankdir=LR;", 'node [fontsize=10, style=filled, fillcolor="#eef"];']
for m in members:
    lines.append(f'"{m}" [label="{m[:14]}…", shape=ellipse];')
for (kind, node), accs in shared.items():
    if kind == "network":
        lines.append(f'"{node}" [label="network {node[:12]}…", shape=box, fillcolor="#fde"];')
        lines += [f'"{a}" -- "{node}";' for a in sorted(accs)]
    else:
        lines.append(f'"t{node}" [label="template {node[:8]}", shape=note, fillcolor="#ffd"];')
        lines += [f'"{a}" -- "t{node}";' for a in sorted(accs)]
lines.append("}")
st.graphviz_chart("\n".join(lines))
found = read_desk(ctx, cases.cases_of, pick)
if found and st.button(f"Open case {found[0]}"):
    st.session_state["case_id"] = found[0]
    st.switch_page("views/case.py", query_params={"case": found[0]})
