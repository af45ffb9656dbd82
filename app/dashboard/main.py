"""Warden dashboard entry point: `warden dashboard` runs `streamlit run` on this file."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from app.dashboard.common import page_reads

st.set_page_config(page_title="Warden", page_icon=":material/shield:", layout="wide")

here = Path(__file__).parent / "views"
pages = [
    st.Page(str(here / "queue.py"), title="Queue", icon=":material/inbox:", default=True),
    st.Page(str(here / "case.py"), title="Case", icon=":material/folder_open:", url_path="case"),
    st.Page(str(here / "groups.py"), title="Groups", icon=":material/hub:", url_path="groups"),
    st.Page(
        str(here / "subject.py"),
        title="Subject",
        icon=":material/person_search:",
        url_path="subject",
    ),
    st.Page(
        str(here / "explore.py"),
        title="Explore",
        icon=":material/scatter_plot:",
        url_path="explore",
    ),
    st.Page(
        str(here / "patterns.py"),
        title="Patterns",
        icon=":material/bubble_chart:",
        url_path="patterns",
    ),
    st.Page(
        str(here / "policies.py"), title="Policies", icon=":material/rule:", url_path="policies"
    ),
    st.Page(
        str(here / "model.py"), title="Model", icon=":material/model_training:", url_path="model"
    ),
    st.Page(
        str(here / "audit.py"), title="Audit", icon=":material/receipt_long:", url_path="audit"
    ),
    st.Page(str(here / "admin.py"), title="Admin", icon=":material/settings:", url_path="admin"),
]
with page_reads():
    st.navigation(pages).run()
