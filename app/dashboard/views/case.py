"""Case: pseudonyms, risk and reasons, why-flagged chart, timeline, redacted evidence,
other members, previous decisions, the decision form, approvals, appeals and
re-identification."""

from __future__ import annotations

import math
from datetime import UTC, datetime

import altair as alt
import streamlit as st

from app.dashboard.common import (
    act,
    approve_or_refuse,
    context,
    escape_md,
    flash,
    read_desk,
    read_store,
)
from enforcement import cases, decisions, reid
from enforcement.desk import ACTIONS, SEVERE
from investigate import evidence
from investigate.signals import LABELS, fmt

ctx = context()
st.title("Case")
all_ids = read_desk(ctx, cases.case_ids)
if not all_ids:
    st.info("No cases yet.")
    st.stop()
# The case is in the URL (?case=C000123): a link opens it, a reload keeps it.
default = st.query_params.get("case") or st.session_state.get("case_id")
case_id = st.selectbox("Case", all_ids, index=all_ids.index(default) if default in all_ids else 0)
st.session_state["case_id"] = case_id
st.query_params["case"] = case_id
# the next case is the first of the queue that is not this one: two rows are enough
queue = [c.case_id for c in read_desk(ctx, cases.list_cases, limit=2)]
after = [c for c in queue if c != case_id]
if after and st.button(f"Next case in the queue ({after[0]})", key="next-case"):
    st.session_state["case_id"] = after[0]
    st.query_params["case"] = after[0]
    st.rerun()
file = cases.get_case(ctx.desk, case_id)
case = file.case
members = case.accounts

h1, h2, h3, h4 = st.columns(4)
h1.metric("Risk", f"{case.risk:.2f}")
h2.metric("State", case.state)
h3.metric("Severity", case.severity)
h4.metric("Assignee", case.assignee or "-")
st.write(
    f"**{case.kind}** `{case.subject}` · {len(members)} account(s) · opened "
    f"{case.opened_at:%Y-%m-%d %H:%M} UTC · due {case.due_at:%Y-%m-%d %H:%M} UTC"
)
if case.kind in ("account", "group") and st.button(
    "Everything about this subject (history, other cases, notes)", key="to-subject"
):
    st.switch_page("views/subject.py", query_params={"subject": case.subject})

st.subheader("Why flagged")
for ev in file.evidence[-1:]:
    for reason in ev.reasons:
        st.markdown(f"- {escape_md(reason)}")
run = read_store(ctx, evidence.latest_run)
deviations = read_store(ctx, evidence.feature_deviation, members) if run else []
if deviations:
    cap = 100.0
    data = []
    for dev in deviations[:10]:
        more = abs(dev.value) >= abs(dev.median)
        times = min(cap, math.exp(dev.distance))
        data.append(
            {
                "feature": LABELS[dev.feature][0],
                "x typical": round(times if more else -times, 2),
                "this account": fmt(dev.feature, dev.value),
                "peers' median": fmt(dev.feature, dev.median),
                "direction": "more than peers" if more else "less than peers",
            }
        )
    chart = (
        alt.Chart(alt.Data(values=data))  # type: ignore[no-untyped-call]
        .mark_bar()
        .encode(
            x=alt.X(
                "x typical:Q",
                title=f"times the peers' median (left: less, right: more; capped at {cap:.0f}x)",
                scale=alt.Scale(domain=[-cap, cap], type="symlog"),
            ),
            y=alt.Y("feature:N", sort=None, title=None),
            color=alt.Color(
                "direction:N",
                scale=alt.Scale(
                    domain=["more than peers", "less than peers"], range=["#d62728", "#1f77b4"]
                ),
                legend=alt.Legend(title=None, orient="bottom"),
            ),
            tooltip=["feature:N", "this account:N", "peers' median:N"],
        )
    )
    st.altair_chart(chart, width="stretch")
    st.caption(
        f"The ten features furthest from the median of the peers "
        f"({deviations[0].peers}); the reasons above name the ones that moved the score."
    )

st.subheader("Activity")
timeline = read_store(ctx, evidence.activity, members)
if timeline:
    step = "day" if len(timeline) > 1 and (timeline[1].hour - timeline[0].hour).days else "hour"
    values = [
        {step: p.hour.isoformat(), "requests": p.requests, "flagged": p.flagged} for p in timeline
    ]
    base = alt.Chart(alt.Data(values=values)).encode(  # type: ignore[no-untyped-call]
        x=alt.X(f"{step}:T", title=f"requests per {step} (UTC); empty {step}s are gaps")
    )
    st.altair_chart(
        base.mark_bar(opacity=0.6).encode(y=alt.Y("requests:Q", title="requests"))
        + base.mark_bar(color="#d62728").encode(y="flagged:Q"),
        width="stretch",
    )
    st.caption("Grey: requests; red: the ones moderation flagged.")

st.subheader("Prompts and answers (redacted)")
v1, v2, v3 = st.columns([3, 1, 1])
search = v1.text_input("Search the prompts and answers", key=f"search-{case_id}")
page_size = 25
page = int(v2.number_input("Page", min_value=1, value=1, step=1, key=f"page-{case_id}"))
reveal_flagged = v3.toggle("Show flagged content", value=False, key=f"blur-{case_id}")
latest = read_store(
    ctx,
    evidence.events,
    accounts=members,
    limit=page_size,
    offset=(page - 1) * page_size,
    search=search or None,
)
st.caption(
    f"Newest first, {page_size} a page"
    + (f", matching {search!r}" if search else "")
    + ". Flagged content is hidden until you choose to show it."
)
st.dataframe(
    [
        {
            "ts": e.ts.strftime("%Y-%m-%d %H:%M:%S"),
            "account": e.account[:14] + "…",
            "endpoint": e.endpoint,
            "flagged": e.flagged,
            "refused": e.refusal,
            "prompt": (e.prompt or "")[:500]
            if reveal_flagged or not e.flagged
            else "[flagged: hidden]",
            "answer": (e.completion or "")[:500]
            if reveal_flagged or not e.flagged
            else "[flagged: hidden]",
        }
        for e in latest
    ],
    hide_index=True,
    width="stretch",
)
if len(members) > 1:
    st.subheader("Members")
    st.dataframe([{"account": m} for m in members], hide_index=True)

st.subheader("Decisions")
for d in file.decisions:
    approval = ""
    if d.approver:
        verb = "approved" if d.approved else "refused"
        approval = f"; {verb} by {escape_md(d.approver)} {d.approved_at:%Y-%m-%d %H:%M} UTC"
    st.markdown(
        f"- **{d.decision_id}** {d.action} under *{d.policy}* by "
        f"{escape_md(d.actor)}, {d.created_at:%Y-%m-%d %H:%M} UTC ({d.reason_kind}, "
        f"{d.status}{approval}):"
    )
    st.text(d.rationale)  # as written, line breaks kept, nothing rendered
    if d.status == "pending approval" and ctx.can("lead") and d.actor != ctx.user:
        approve_or_refuse(ctx, d.decision_id, decisions.approve)
if not file.decisions:
    st.caption("No decision yet.")

holds = case.assignee == ctx.user
if case.state in ("open", "in_review", "appealed"):
    if not holds and not ctx.can("lead"):
        st.info("Claim this case to record a decision.")
        if st.button("Claim this case"):
            act("Claim", cases.claim, ctx.desk, ctx.user, case_id)
            st.rerun()
    else:
        override = None
        if case.assignee and not holds and not case.claim_expired:
            st.warning(
                f"{escape_md(case.assignee)} has claimed this case. As a lead you may decide it "
                "instead; say why (it is audited)."
            )
            override = st.text_input(
                "Why you decide a case someone else has claimed", key=f"override-{case_id}"
            )
        st.subheader("Decision")
        st.caption(
            f"{' and '.join(a.replace('_', ' ') for a in SEVERE).capitalize()} take effect "
            "only after a second lead approves; the other actions take effect at once."
        )
        # Widgets keyed by case: a draft survives reruns; nothing is recorded before the
        # confirmation (no form, so Ctrl+Enter in the text box submits nothing).
        action = st.selectbox("Action", ACTIONS, key=f"action-{case_id}")
        policy_ids = [p.id for p in ctx.desk.config.enforcement.policies]
        suggested = case.policy if case.policy in policy_ids else None
        policy = st.selectbox(
            "Policy",
            policy_ids,
            index=policy_ids.index(suggested) if suggested else None,
            placeholder="Choose the policy the decision cites",
            key=f"policy-{case_id}",
        )
        if suggested:
            st.caption(f"Suggested from the policy signals: **{suggested}**. Check it.")
        template = read_desk(ctx, decisions.templates).get(policy or "")
        if template and st.button(f"Start from the {policy} template", key="use-template"):
            st.session_state[f"rationale-{case_id}"] = template
            st.rerun()
        rationale = st.text_area(
            "Rationale (required: the statement of reasons)",
            max_chars=ctx.desk.config.enforcement.max_rationale_chars,
            key=f"rationale-{case_id}",
        )
        each_member = case.kind == "group" and st.checkbox(
            f"Decide each of the {len(members)} members separately (each gets its own case "
            "and decision), then the group",
            key=f"bulk-{case_id}",
        )
        confirming = st.session_state.get("confirm") == case_id
        if not confirming and st.button("Record decision"):
            if policy is None:
                flash("error", "Decision: choose the policy the decision cites")
            else:
                st.session_state["confirm"] = case_id
            st.rerun()
        if confirming:
            st.info(
                f"Record **{action}** under **{policy}** on {case_id}"
                + (" (waits for a second lead)" if action in SEVERE else " (effective now)")
                + "?"
            )
            c1, c2 = st.columns(2)
            if c1.button("Confirm decision"):
                st.session_state.pop("confirm", None)
                if each_member:
                    bulk = act(
                        "Decision",
                        decisions.decide_members,
                        ctx.desk,
                        ctx.user,
                        case_id,
                        action,
                        policy,
                        rationale,
                    )
                    flash(
                        "success",
                        f"{len(bulk.decisions)} members decided, {len(bulk.skipped)} skipped; "
                        f"decision {bulk.group_decision} recorded on {case_id}",
                    )
                else:
                    did = act(
                        "Decision",
                        decisions.decide,
                        ctx.desk,
                        ctx.user,
                        case_id,
                        action,
                        policy,
                        rationale,
                        override=override,
                    )
                    flash("success", f"Decision {did} recorded on {case_id}")
                for k in (f"action-{case_id}", f"policy-{case_id}", f"rationale-{case_id}"):
                    st.session_state.pop(k, None)
                st.rerun()
            if c2.button("Change it"):
                st.session_state.pop("confirm", None)
                st.rerun()
if case.state == "decided":
    with st.expander("Record an appeal"):
        statement = st.text_area("Appeal statement", key="appeal")
        if st.button("File appeal"):
            act("Appeal", decisions.appeal, ctx.desk, ctx.user, case_id, statement)
            st.rerun()

with st.expander("More actions: escalate, reassign, reverse, close"):
    if case.state not in ("closed",):
        why = st.text_input("Why escalate", key="escalate-why")
        if st.button("Escalate to a lead"):
            act("Escalate", cases.escalate, ctx.desk, ctx.user, case_id, why)
            flash("success", f"{case_id} escalated")
            st.rerun()
    if ctx.can("lead"):
        roles = ctx.desk.config.enforcement.roles
        people = sorted(u for u, r in roles.items() if r in ("analyst", "lead", "admin"))
        to = st.selectbox("Reassign to", people, index=None, placeholder="an analyst")
        if st.button("Reassign") and to:
            act("Reassign", cases.reassign, ctx.desk, ctx.user, case_id, to)
            flash("success", f"{case_id} assigned to {to}")
            st.rerun()
        effective = [d.decision_id for d in file.decisions if d.status == "effective"]
        if effective:
            target = st.selectbox("Reverse decision", effective, index=len(effective) - 1)
            why_reverse = st.text_area("Why reverse it (the statement of reasons)", key="rev")
            if st.button("Reverse"):
                new = act("Reverse", decisions.reverse, ctx.desk, ctx.user, target, why_reverse)
                flash("success", f"{new} reverses {target}")
                st.rerun()
        if case.state == "decided" and st.button("Close the case"):
            act("Close", cases.close, ctx.desk, ctx.user, case_id)
            flash("success", f"{case_id} closed")
            st.rerun()


@st.fragment(run_every="15s")
def reidentification() -> None:
    """Requests, approvals and reveals of this case; refreshed every 15 s, so that a new
    request or a decision by another lead appears, and an expired grant disappears."""
    st.subheader("Re-identification")
    now = datetime.now(UTC)
    shown: dict[str, tuple[datetime, list[tuple[str, str, str]]]] = st.session_state.setdefault(
        "revealed", {}
    )
    for r in read_desk(ctx, reid.requests_for_case, case_id):
        expired = r.state == "approved" and r.expires_at is not None and r.expires_at <= now
        state = "expired" if expired else r.state
        st.markdown(
            f"- **{r.request_id}** by {escape_md(r.requester)}, "
            f"{r.created_at:%Y-%m-%d %H:%M} UTC: **{state}**"
            + (f" until {r.expires_at:%H:%M} UTC" if r.expires_at and not expired else "")
            + f"; kinds: {', '.join(r.kinds)}"
        )
        st.text(f"Justification: {r.justification}")
        if r.approver_note:
            st.text(f"{r.approver}: {r.approver_note}")
        if r.state == "pending" and ctx.can("lead") and r.requester != ctx.user:
            with st.form(f"reid-decide-{r.request_id}"):
                st.caption(
                    f"Approving lets {r.requester} see the {', '.join(r.kinds)} of "
                    f"{len(members)} account(s) of {case_id} for "
                    f"{ctx.desk.config.enforcement.reid_grant_minutes} minutes."
                )
                note = st.text_area("Your comment (required)", key=f"note-{r.request_id}")
                ok = st.form_submit_button(f"Approve {r.request_id}")
                no = st.form_submit_button(f"Refuse {r.request_id}")
                if ok or no:
                    act(
                        "Re-identification", reid.decide, ctx.desk, ctx.user, r.request_id, ok, note
                    )
                    st.rerun()
        if expired or r.state != "approved":
            shown.pop(r.request_id, None)  # an expired grant leaves nothing on screen
        elif r.requester == ctx.user and st.button(
            f"Reveal ({r.request_id})", key=f"reveal-{r.request_id}"
        ):
            got = act("Reveal", reid.reveal, ctx.desk, ctx.user, r.request_id)
            assert r.expires_at is not None
            shown[r.request_id] = (
                r.expires_at,
                [(s, o.kind, o.value) for s, originals in got.items() for o in originals],
            )
        if r.request_id in shown:
            until, values = shown[r.request_id]
            st.warning(f"Originals, visible until {until:%H:%M} UTC. Do not copy them out.")
            st.table([{"account": s, "kind": k, "value": v} for s, k, v in values])


reidentification()
with st.expander("Request re-identification"):
    wanted = st.multiselect(
        "Identifier kinds needed (only these are revealed)", reid.KINDS, key="reid-kinds"
    )
    why = st.text_area("Justification", key="reid-why")
    if st.button("Request"):
        req = act("Request", reid.request, ctx.desk, ctx.user, case_id, why, wanted)
        flash("success", f"{req} requested; another lead must approve it")
        st.rerun()
