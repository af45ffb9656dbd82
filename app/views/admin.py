"""Admin: roles and policies, sweeps, keys, and cases held by the flood guard."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.common import act, context, flash, home_of, query
from enforcement.cases import list_cases

ctx = context()
home = home_of(ctx)
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
st.subheader("Sweeps")
sweeps = query(
    home,
    "SELECT sweep_id, started_at, finished_at, status, files, records, "
    "accounts_scored, cases_opened, cases_updated, cases_held, scan_clean "
    "FROM sweep_runs ORDER BY started_at DESC LIMIT 50",
)
st.dataframe(
    [
        dict(
            zip(
                (
                    "sweep",
                    "started",
                    "finished",
                    "status",
                    "files",
                    "records",
                    "scored",
                    "opened",
                    "updated",
                    "held",
                    "scan clean",
                ),
                s,
                strict=True,
            )
        )
        for s in sweeps
    ],
    hide_index=True,
    width="stretch",
)
st.subheader("Held by the flood guard")
held = [c for c in list_cases(ctx.desk, include_held=True) if c["held"]]
st.write(f"{len(held)} cases held")
if held and ctx.can("lead") and st.button("Release all held cases into the queue"):

    def _release() -> None:
        with ctx.desk.write() as con:
            con.execute("UPDATE cases SET held = false WHERE held")
            ctx.desk.audit(con, ctx.user, "cases.released_from_hold", None, {"cases": len(held)})

    if act("Release", _release).ok:
        flash("success", f"{len(held)} held cases released into the queue")
    st.rerun()
st.subheader("Keys")
version = query(home, "SELECT value FROM meta WHERE key = 'rekeyed_version'")
st.write(
    f"Pseudonyms are keyed with version v{version[0][0] if version else 1}. "
    "Rotate with `warden keys rotate`."
)
if ctx.desk.audit_keys is None:
    st.warning(
        "The dashboard runs without the keyring: decisions are recorded but their "
        "checkpoints are signed by the next process that has it. Set WARDEN_PASSPHRASE."
    )
