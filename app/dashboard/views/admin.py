"""Admin: roles and policies, sweeps, keys, and cases held by the flood guard."""

from __future__ import annotations

import streamlit as st

from app.dashboard.common import act, context, flash, read_desk
from app.sweep_history import recent_sweeps
from enforcement import decisions
from enforcement.cases import list_cases, release_held
from redaction.rotation import store_key_version

ctx = context()
st.title("Admin")
cfg = ctx.desk.config
st.subheader("Roles")
st.dataframe(
    [{"user": u, "role": r} for u, r in sorted(cfg.enforcement.roles.items())], hide_index=True
)
st.subheader("Policies")
st.dataframe(
    [
        {
            "id": p.id,
            "title": p.title,
            "severity": p.severity,
            "SLA hours": cfg.enforcement.sla_hours.get(p.severity),
        }
        for p in cfg.enforcement.policies
    ],
    hide_index=True,
)
st.subheader("Statements of reasons")
st.caption("A template per policy that analysts can start a rationale from (leads edit; audited).")
known = read_desk(ctx, decisions.templates)
which = st.selectbox("Policy", [p.id for p in cfg.enforcement.policies], key="tpl-policy")
text = st.text_area(
    "Template", value=known.get(which, ""), key=f"tpl-{which}", disabled=not ctx.can("lead")
)
if ctx.can("lead") and st.button("Save template"):
    act("Template", decisions.set_template, ctx.desk, ctx.user, which, text)
    flash("success", f"template of {which} {'saved' if text.strip() else 'removed'}")
    st.rerun()

st.subheader("Sweeps")
st.dataframe(
    [
        {
            "sweep": r.sweep_id,
            "started": r.started_at,
            "finished": r.finished_at,
            "status": r.status,
            "files": r.files,
            "records": r.records,
            "scored": r.accounts_scored,
            "opened": r.cases_opened,
            "updated": r.cases_updated,
            "held": r.cases_held,
            "scan clean": r.scan_clean,
        }
        for r in recent_sweeps(ctx.desk.store)
    ],
    hide_index=True,
    width="stretch",
)
st.subheader("Held by the flood guard")
held = [c for c in list_cases(ctx.desk, include_held=True) if c.held]
st.write(f"{len(held)} cases held")
if held and ctx.can("lead") and st.button("Release all held cases into the queue"):
    released = act("Release", release_held, ctx.desk, ctx.user)
    flash("success", f"{len(released)} held cases released into the queue")
    st.rerun()
st.subheader("Keys")
st.write(
    f"Pseudonyms are keyed with version v{store_key_version(ctx.desk.store)}. "
    "Rotate with `warden keys rotate`."
)
if ctx.desk.audit_keys is None:
    st.warning(
        "The dashboard runs without the keyring: decisions are recorded but their "
        "checkpoints are signed by the next process that has it. Set WARDEN_PASSPHRASE."
    )
