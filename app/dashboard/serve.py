"""Run Streamlit's server (``python -m app.dashboard.serve run main.py ...``) after importing,
in the main thread, every module the pages import.

Streamlit runs each page in a thread of its own, and a rerun or a second browser tab can
run two at once. Two threads importing the same module for the first time can leave one
of them with the module half-initialised ("partially initialized module 'pandas' has no
attribute 'Timestamp'", seen in the two-user browser test); imported here first, they
are complete before any page runs.
"""

from __future__ import annotations

import ast
import importlib
import logging
from pathlib import Path

HERE = Path(__file__).parent
# imported lazily by altair and by Streamlit itself when a chart or a table is drawn, or
# an alert with an icon (the emoji module compiles one large regex: 0.2 s here)
LAZY = ("pandas", "pyarrow", "numpy", "altair", "polars", "streamlit.emojis")


def page_imports() -> list[str]:
    """The absolute imports at the top level of the dashboard's files, in order."""
    names: list[str] = []
    for f in [HERE / "main.py", HERE / "common.py", *sorted((HERE / "views").glob("*.py"))]:
        for node in ast.parse(f.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Import):
                names += [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.append(node.module)
    return list(dict.fromkeys(names))


def preload() -> list[str]:
    names = [*page_imports(), *LAZY]
    # A page's @st.cache_data defined before the server has started logs "No runtime
    # found, using MemoryCacheStorageManager" (the storage the server uses anyway): a
    # warning on every start that asks nothing of the user.
    importlib.import_module("streamlit.runtime.caching.cache_data_api")
    quiet = logging.getLogger("streamlit.runtime.caching.cache_data_api")
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        for name in names:
            importlib.import_module(name)
    finally:
        quiet.setLevel(level)
    return names


if __name__ == "__main__":
    preload()
    from streamlit.web.cli import main

    main(prog_name="streamlit")
