"""Patterns: what accounts ask, clustered across accounts, against the week before
(docs/policies.md). Name and mark a pattern; turn it into a draft policy."""

from __future__ import annotations

import streamlit as st

from app import rules
from app.dashboard.common import act, context, escape_md, flash, read_store
from investigate import patterns as pattern_api

ctx = context()
st.title("Patterns")
st.caption(
    "Prompts of the last week clustered by content across accounts and compared with the "
    "week before: a new pattern spread over many new accounts comes first."
)
if st.button("Find patterns now", key="find"):
    run_id, run = act("Patterns", rules.find_patterns, ctx.desk, ctx.user)
    flash("success", f"{run_id}: {len(run.patterns)} patterns in {run.prompts} prompts")
    st.rerun()
run_id, found = read_store(ctx, pattern_api.latest)
if not found:
    st.info("No patterns found yet: press Find patterns now (or run `warden patterns`).")
    st.stop()
st.write(f"Latest run: {escape_md(run_id)}")
st.dataframe(
    [
        {
            "pattern": p.pattern,
            "name": p.name or "",
            "mark": p.mark or "",
            "trend": p.trend,
            "prompts": p.size,
            "before": p.previous,
            "accounts": p.accounts,
            "new accounts": p.new_accounts,
            "flagged": f"{p.flagged_share:.0%}",
            "risk max": p.risk_max,
            "words": ", ".join(p.terms),
        }
        for p in found
    ],
    hide_index=True,
    width="stretch",
)
ids = [p.pattern for p in found]
chosen = st.selectbox("Pattern", ids, key="pattern")
p = found[ids.index(chosen)]
st.subheader(f"{p.pattern}" + (f": {p.name} ({p.mark})" if p.name else ""))
st.write(
    f"{p.trend}: {p.size} prompts this week, {p.previous} the week before; {p.accounts} "
    f"accounts ({p.new_accounts} first seen this week)."
)
st.write("Distinctive words: " + escape_md(", ".join(p.terms)))
if st.toggle("Show the examples (redacted, but may be harmful)", key=f"show-{p.pattern}"):
    for ex in p.examples:
        st.text(ex)
with st.expander(f"The {p.accounts} accounts"):
    st.dataframe([{"account": a} for a in p.members], hide_index=True)
left, right = st.columns(2)
with left:
    name = st.text_input("Name", value=p.name or "", key=f"name-{p.pattern}")
    label = st.selectbox("Mark", pattern_api.MARKS, key=f"mark-{p.pattern}")
    if st.button("Save name and mark", key=f"save-{p.pattern}"):
        act("Mark", rules.mark_pattern, ctx.desk, ctx.user, p.pattern, name.strip(), label)
        flash("success", f"{p.pattern} is {name.strip()}, marked {label}")
        st.rerun()
with right:
    policy_name = st.text_input("Draft policy name", value=p.name or "", key=f"pol-{p.pattern}")
    cite = st.selectbox(
        "Enforcement policy it cites",
        [x.id for x in ctx.desk.config.enforcement.policies],
        key=f"cite-{p.pattern}",
    )
    if st.button("Draft a policy from this pattern", key=f"draft-{p.pattern}"):
        d = act(
            "Draft",
            rules.draft_from_pattern,
            ctx.desk,
            ctx.user,
            p.pattern,
            policy_name.strip(),
            cite,
        )
        flash("success", f"policies/{d.name}.toml drafted: {d.describe()}; backtest it")
        st.rerun()
