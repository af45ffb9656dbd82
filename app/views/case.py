"""Case: pseudonyms, risk and reasons, why-flagged chart, timeline, redacted evidence,
other members, previous decisions, the decision form, approvals, appeals and
re-identification."""

from __future__ import annotations

import sys
from pathlib import Path

import altair as alt
import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.common import act, context, escape_md, flash, home_of, query
from enforcement import cases, decisions, reid
from enforcement.desk import ACTIONS, SEVERE

ctx = context()
home = home_of(ctx)
st.title("Case")
all_ids = [r[0] for r in query(home, "SELECT case_id FROM cases ORDER BY case_id DESC LIMIT 5000")]
if not all_ids:
    st.info("No cases yet.")
    st.stop()
default = st.session_state.get("case_id")
case_id = st.selectbox("Case", all_ids, index=all_ids.index(default) if default in all_ids else 0)
st.session_state["case_id"] = case_id
case = cases.get_case(ctx.desk, case_id)
members: list[str] = case["members"] or [case["subject"]]

h1, h2, h3, h4 = st.columns(4)
h1.metric("Risk", f"{case['risk']:.2f}")
h2.metric("State", case["state"])
h3.metric("Severity", case["severity"])
h4.metric("Assignee", case["assignee"] or "-")
st.write(
    f"**{case['kind']}** `{case['subject']}` · {len(members)} account(s) · opened "
    f"{case['opened_at']:%Y-%m-%d %H:%M} UTC · due {case['due_at']:%Y-%m-%d %H:%M} UTC"
)

st.subheader("Why flagged")
for ev in case["evidence"][-1:]:
    for reason in ev["reasons"]:
        st.markdown(f"- {escape_md(reason)}")
run = query(home, "SELECT run_id FROM detection_runs ORDER BY finished_at DESC LIMIT 1")
if run and members:
    feat_cols = (
        "n_events",
        "completion_tokens",
        "networks",
        "countries",
        "clients",
        "flag_rate",
        "refusal_rate",
        "jailbreak_rate",
        "night_share",
        "template_sharers",
    )
    med = query(
        home,
        f"SELECT {', '.join(f'median({c})' for c in feat_cols)} FROM account_features "
        "WHERE run_id = ?",
        (run[0][0],),
    )
    mine = query(
        home,
        f"SELECT {', '.join(f'avg({c})' for c in feat_cols)} FROM account_features "
        "WHERE run_id = ? AND account IN (SELECT unnest(?::VARCHAR[]))",
        (run[0][0], members),
    )
    if med and mine and mine[0][0] is not None:
        data = [
            {
                "feature": c,
                "times the population median": round((float(m) + 1e-3) / (float(p) + 1e-3), 2),
            }
            for c, m, p in zip(feat_cols, mine[0], med[0], strict=True)
        ]
        chart = (
            alt.Chart(alt.Data(values=data))
            .mark_bar()
            .encode(
                x=alt.X("times the population median:Q", scale=alt.Scale(type="symlog")),
                y=alt.Y("feature:N", sort="-x"),
                color=alt.condition(
                    "datum['times the population median'] > 2",
                    alt.value("#d62728"),
                    alt.value("#1f77b4"),
                ),
            )
        )
        st.altair_chart(chart, width="stretch")

st.subheader("Activity")
timeline = query(
    home,
    "SELECT date_trunc('hour', ts) AS hour, count(*) AS requests, "
    "count(*) FILTER (WHERE flagged) AS flagged FROM events "
    "WHERE account IN (SELECT unnest(?::VARCHAR[])) GROUP BY 1 ORDER BY 1",
    (members,),
)
if timeline:
    values = [{"hour": h.isoformat(), "requests": r, "flagged": f} for h, r, f in timeline]
    base = alt.Chart(alt.Data(values=values)).encode(x=alt.X("hour:T", title=None))
    st.altair_chart(
        base.mark_bar(opacity=0.6).encode(y="requests:Q")
        + base.mark_line(color="#d62728").encode(y="flagged:Q"),
        width="stretch",
    )
events = query(
    home,
    "SELECT ts, account, endpoint, flagged, refusal, "
    "coalesce(json_extract_string(messages, '$[-1].content'), input_text) AS prompt, "
    "completion FROM events WHERE account IN (SELECT unnest(?::VARCHAR[])) "
    "ORDER BY ts DESC LIMIT 50",
    (members,),
)
st.caption("Latest 50 events (redacted)")
st.dataframe(
    [
        {
            "ts": e[0].strftime("%Y-%m-%d %H:%M:%S"),
            "account": e[1][:14] + "…",
            "endpoint": e[2],
            "flagged": e[3],
            "refused": e[4],
            "prompt": (e[5] or "")[:300],
            "completion": (e[6] or "")[:200],
        }
        for e in events
    ],
    hide_index=True,
    width="stretch",
)
if len(members) > 1:
    st.subheader("Members")
    st.dataframe([{"account": m} for m in members], hide_index=True)

st.subheader("Decisions")
for d in case["decisions"]:
    status = (
        "pending approval"
        if d["action"] in SEVERE and d["approved"] is None
        else "refused"
        if d["approved"] is False
        else "effective"
    )
    st.markdown(
        f"- **{d['decision_id']}** {d['action']} under *{d['policy']}* by "
        f"{escape_md(d['actor'])} ({d['reason_kind']}, {status}):"
    )
    st.text(d["rationale"])
    if status == "pending approval" and ctx.can("lead") and d["actor"] != ctx.user:
        a1, a2 = st.columns(2)
        if a1.button(f"Approve {d['decision_id']}", key=f"approve-{d['decision_id']}"):
            act("Approve", decisions.approve, ctx.desk, ctx.user, d["decision_id"], True)
            st.rerun()
        if a2.button(f"Refuse {d['decision_id']}", key=f"refuse-{d['decision_id']}"):
            act("Refuse", decisions.approve, ctx.desk, ctx.user, d["decision_id"], False)
            st.rerun()
if not case["decisions"]:
    st.caption("No decision yet.")

holds = case["assignee"] == ctx.user
if case["state"] in ("open", "in_review", "appealed"):
    if not holds and not ctx.can("lead"):
        st.info("Claim this case to record a decision.")
        if st.button("Claim this case"):
            act("Claim", cases.claim, ctx.desk, ctx.user, case_id)
            st.rerun()
    else:
        with st.form("decide"):
            st.subheader("Decision")
            action = st.selectbox("Action", ACTIONS)
            policy = st.selectbox("Policy", [p.id for p in ctx.desk.config.enforcement.policies])
            rationale = st.text_area("Rationale (required: the statement of reasons)")
            if action in SEVERE:
                st.caption("Suspend and ban take effect only after another lead approves.")
            if st.form_submit_button("Record decision"):
                did = act(
                    "Decision",
                    decisions.decide,
                    ctx.desk,
                    ctx.user,
                    case_id,
                    action,
                    policy,
                    rationale,
                )
                flash("success", f"Decision {did} recorded on {case_id}")
                st.rerun()
if case["state"] == "decided":
    with st.expander("Record an appeal"):
        statement = st.text_area("Appeal statement", key="appeal")
        if st.button("File appeal"):
            act("Appeal", decisions.appeal, ctx.desk, ctx.user, case_id, statement)
            st.rerun()

st.subheader("Re-identification")
reqs = query(
    home,
    "SELECT request_id, requester, state, expires_at FROM reid_requests "
    "WHERE case_id = ? ORDER BY created_at",
    (case_id,),
)
for rid, requester, state, expires in reqs:
    st.markdown(
        f"- {rid} by {escape_md(requester)}: **{state}**"
        + (f", until {expires:%H:%M} UTC" if expires else "")
    )
    if state == "pending" and ctx.can("lead") and requester != ctx.user:
        if st.button(f"Approve {rid}", key=f"reid-ok-{rid}"):
            act("Approve", reid.decide, ctx.desk, ctx.user, rid, True)
            st.rerun()
        if st.button(f"Refuse {rid}", key=f"reid-no-{rid}"):
            act("Refuse", reid.decide, ctx.desk, ctx.user, rid, False)
            st.rerun()
    if (
        state == "approved"
        and requester == ctx.user
        and st.button(f"Reveal ({rid})", key=f"reveal-{rid}")
    ):
        shown = act("Reveal", reid.reveal, ctx.desk, ctx.user, rid)
        for subject, originals in shown.items():
            st.write(f"`{subject}`")
            st.table([{"kind": o.kind, "value": o.value} for o in originals])
with st.expander("Request re-identification"):
    why = st.text_area("Justification", key="reid-why")
    if st.button("Request"):
        req = act("Request", reid.request, ctx.desk, ctx.user, case_id, why)
        st.success(f"{req} requested; another lead must approve it")
