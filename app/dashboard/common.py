"""What every page needs: the acting user, the enforcement desk, cached query results.

Identity: ``st.login`` (OIDC) when ``[auth]`` is configured in Streamlit's secrets;
otherwise only an explicit development user (``warden dashboard --dev-user NAME``, which
sets ``WARDEN_DEV_USER``), shown as a banner on every page and recorded in the audit log
as ``NAME (dev-user)``. No connection is kept between runs: the queries of one page run
share one (``page_reads``), closed when the run ends; query results are cached for a few
seconds.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import streamlit as st

from enforcement.desk import DEV_SUFFIX, Desk
from warden.audit import Verification, verify
from warden.config import resolve_home
from warden.errors import WardenError
from warden.session import Session

T = TypeVar("T")


@dataclass
class Context:
    desk: Desk
    user: str
    role: str | None
    dev: bool

    def can(self, minimum: str) -> bool:
        return self.desk.can(self.user, minimum)


@st.cache_resource(show_spinner=False)
def _desk(home: str) -> Desk:
    # The desk holds settings and keys, never a connection (the store opens one per query).
    # A key source that is given but wrong (a bad passphrase, an unreadable key file) is
    # an error on every page, not a silent read-only dashboard.
    session = Session.open(home, config_file=_config_file())
    return Desk.open(session.config, session.keyring_if_available())


def _env_home() -> str:
    return str(resolve_home(os.environ.get("WARDEN_HOME")))


def page_reads() -> AbstractContextManager[None]:
    """The reads of one page run share one store connection (``Store.shared_reads``):
    one open of the file instead of one per query."""
    try:
        return _desk(_env_home()).store.shared_reads()
    except WardenError:
        return nullcontext()  # the page's context() says what is wrong


def _config_file() -> Path | None:
    path = os.environ.get("WARDEN_CONFIG")
    return Path(path) if path else None


def _oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def context() -> Context:
    """Resolve the user and desk, show the identity banner; stops the page if there is
    no identity."""
    home = _env_home()
    try:
        desk = _desk(home)
    except WardenError as exc:
        st.error(f"Cannot open the Warden home: {exc}")
        st.stop()
    if _oidc_configured():
        if not st.user.is_logged_in:
            st.button("Log in", on_click=st.login)
            st.stop()
        user = str(st.user.get("email") or st.user.get("name") or "unknown")
        dev = False
    else:
        name = os.environ.get("WARDEN_DEV_USER")
        if not name:
            st.error(
                "No identity is configured. Configure OIDC in .streamlit/secrets.toml "
                "([auth]), or start with `warden dashboard --dev-user NAME` for development."
            )
            st.stop()
        user = f"{name}{DEV_SUFFIX}"
        dev = True
        st.warning(
            f"Development login: acting as **{name}** without authentication. "
            "Every action is recorded as a dev-user action.",
            icon="⚠️",
        )
    show_flash()
    role = desk.role(user)
    if role is None:
        st.error(
            f"{user} has no role. An admin must add them to [enforcement.roles] in warden.toml."
        )
        st.stop()
    return Context(desk, user, role, dev)


@st.cache_data(ttl=5, show_spinner=False)
def _read(home: str, target: str, on: str, args: tuple[Any, ...], kw: tuple[Any, ...]) -> Any:
    module, attr = target.split(":")
    fn = getattr(importlib.import_module(module), attr)
    desk = _desk(home)
    return fn(desk.store if on == "store" else desk, *args, **dict(kw))


def _target(fn: Callable[..., Any]) -> str:
    return f"{fn.__module__}:{fn.__qualname__}"


def read_store(ctx: Context, fn: Callable[..., T], *args: Any, **kw: Any) -> T:
    """``fn(store, *args, **kw)``, a domain read over the store, cached for a few seconds
    (the connection is closed at once)."""
    out: T = _read(_home(ctx), _target(fn), "store", args, tuple(sorted(kw.items())))
    return out


def read_desk(ctx: Context, fn: Callable[..., T], *args: Any, **kw: Any) -> T:
    """``fn(desk, *args, **kw)``, an enforcement read, cached like :func:`read_store`."""
    out: T = _read(_home(ctx), _target(fn), "desk", args, tuple(sorted(kw.items())))
    return out


def _home(ctx: Context) -> str:
    return str(ctx.desk.config.home)


@st.cache_data(show_spinner=False, max_entries=4)
def _verification(home: str, size: int) -> Verification:
    desk = _desk(home)
    return verify(desk.store, desk.config.home)


def verification(ctx: Context, size: int) -> Verification:
    """The audit log's verification, computed once per log size (a full verification
    reads every entry)."""
    return _verification(_home(ctx), size)


def clear_cache() -> None:
    _read.clear()


def flash(kind: str, message: str) -> None:
    """A message shown at the top of the page on this run and kept across ``st.rerun()``
    until it has been shown once after the rerun."""
    st.session_state.setdefault("_flash", []).append((kind, message))


def show_flash() -> None:
    """Show the messages left by :func:`flash` (called by :func:`context` on every page)."""
    for kind, message in st.session_state.pop("_flash", []):
        (st.error if kind == "error" else st.success)(message)


def act(label: str, fn: Any, *args: Any, **kw: Any) -> Any:
    """Run an enforcement call and return its value.

    On a :class:`WardenError` it does not return: the page reruns with the message at
    its top, so a caller never goes on to report success, and no later ``st.rerun()``
    wipes the message."""
    try:
        out = fn(*args, **kw)
    except WardenError as exc:
        flash("error", f"{label}: {exc}")
        clear_cache()
        st.rerun()
    clear_cache()
    return out


def approve_or_refuse(ctx: Context, item_id: str, fn: Callable[..., Any]) -> None:
    """Approve and Refuse buttons for ``item_id``; a press calls
    ``fn(desk, user, item_id, approved)`` and reruns the page."""
    left, right = st.columns(2)
    for col, label, approved in ((left, "Approve", True), (right, "Refuse", False)):
        if col.button(f"{label} {item_id}", key=f"{label.lower()}-{item_id}"):
            act(label, fn, ctx.desk, ctx.user, item_id, approved)
            st.rerun()


_MD = str.maketrans({c: "\\" + c for c in "\\`*_{}[]()#+-.!|<>~$"})


def escape_md(text: object) -> str:
    """Text shown inside Markdown, with Markdown and HTML made inert."""
    return str(text).translate(_MD)
