"""Model: the ranking learned from analysts' decisions (docs/learning.md): the live model,
its measurement on newer decisions, what it learned, promotion with four eyes, rollback,
and the training-set export (leads; audited)."""

from __future__ import annotations

import re
from pathlib import Path

import streamlit as st

from app import flywheel
from app.dashboard.common import act, context, escape_md, flash, read_desk

ctx = context()
st.title("Model")
st.caption(
    "A ranking learned from the accounts analysts decided. It is measured on the newest "
    "decisions beside the unsupervised ranking and may go live only when it does better "
    "and a second lead approves. While one is live, part of each sweep's cases come from "
    "outside its ranking (exploration), so it keeps learning what it would not pick."
)
st_ = read_desk(ctx, flywheel.status)
lead = ctx.can("lead")
left, mid, right = st.columns(3)
left.metric("Decided accounts", st_.decided, help="accounts with a final decision")
mid.metric("Actioned", st_.actioned)
right.metric("Live model", f"v{st_.live.version}" if st_.live else "none")
if st_.decided < st_.needed:
    st.info(
        f"{st_.decided} of the {st_.needed} decided accounts needed before a model is trained "
        "(learning.min_decisions). Until then the ranking is the unsupervised one."
    )

if st_.live is not None:
    m = st_.live
    st.subheader(f"Live: model {m.version}")
    st.write(
        f"Promoted by {escape_md(m.promoted_by)} on {m.promoted_at:%Y-%m-%d %H:%M} UTC. "
        f"Learned from {m.n_train} decisions ({m.decisions_from:%Y-%m-%d} to "
        f"{m.decisions_to:%Y-%m-%d}), measured on {m.n_test} newer ones."
    )
    a, b, c = st.columns(3)
    a.metric("Average precision, model", f"{m.metrics['model_ap']:.3f}")
    b.metric("Unsupervised ranking", f"{m.metrics['unsupervised_ap']:.3f}")
    c.metric("Chance", f"{m.metrics['chance_ap']:.3f}")
    st.markdown("**What it learned** (weight on each standardised feature; + raises the risk)")
    st.dataframe(
        [{"feature": n, "weight": round(w, 3)} for n, w in m.importances()[:12]],
        hide_index=True,
    )
    if lead:
        why = st.text_input("Why roll it back", key="rollback-why")
        if st.button("Roll back to the previous model", key="rollback"):
            retired, back = act("Rollback", flywheel.rollback, ctx.desk, ctx.user, why)
            flash("success", f"model {retired} retired; live now: {back or 'none'}")
            st.rerun()

st.subheader("Versions")
if not st_.versions:
    st.write("No model trained yet.")
st.dataframe(
    [
        {
            "version": m.version,
            "state": m.state,
            "trained": m.created_at,
            "by": m.trained_by,
            "learned from": m.n_train,
            "measured on": m.n_test,
            "AP model": m.metrics.get("model_ap"),
            "AP unsupervised": m.metrics.get("unsupervised_ap"),
            "why": m.reason,
        }
        for m in st_.versions
    ],
    hide_index=True,
    width="stretch",
)
if lead:
    if st.button("Train a model on the decisions so far", key="train"):
        m = act("Training", flywheel.train_model, ctx.desk, ctx.user)
        flash("success" if m.state == "candidate" else "error", f"model {m.version}: {m.reason}")
        st.rerun()
    for m in st_.versions:
        if m.state == "candidate" and st.button(
            f"Ask to promote model {m.version}", key=f"promote-{m.version}"
        ):
            act("Promotion", flywheel.request_promotion, ctx.desk, ctx.user, m.version)
            flash("success", f"model {m.version} waits for a second lead")
            st.rerun()
        if m.state == "pending":
            st.write(
                f"Model {m.version}: promotion asked by {escape_md(m.requested_by)}. "
                f"{escape_md(m.reason)}"
            )
            note = st.text_input("Comment", key=f"note-{m.version}")
            yes, no = st.columns(2)
            for col, label, ok in ((yes, "Approve", True), (no, "Refuse", False)):
                if col.button(
                    f"{label} promotion of model {m.version}", key=f"{label}-{m.version}"
                ):
                    act(label, flywheel.decide_promotion, ctx.desk, ctx.user, m.version, ok, note)
                    flash("success", f"promotion of model {m.version} {label.lower()}d")
                    st.rerun()

st.subheader("Training-set export")
st.caption(
    "Redacted prompts and completions of decided accounts with their labels, "
    "de-duplicated, split by account, scanned for residual personal data, with a "
    "datasheet. Audited as a sensitive export; leads only."
)
if lead:
    exports = Path(ctx.desk.config.home) / "exports"
    name = st.text_input(f"Name of the export (a new folder under {exports})", key="export-name")
    reason = st.text_input("Why it is exported", key="export-why")
    if st.button("Export the training set", key="export"):
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}", name.strip()):
            flash("error", "Export: name it with letters, digits, '.', '_' or '-' (up to 64)")
            st.rerun()
        out = exports / name.strip()
        res = act("Export", flywheel.export_training_set, ctx.desk, ctx.user, out, reason)
        flash(
            "success",
            f"{out}: train {res.rows['train']} texts, test {res.rows['test']}; see DATASHEET.md",
        )
        st.rerun()
