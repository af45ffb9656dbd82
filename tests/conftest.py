"""Shared fixtures: expensive things are built once per test run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.tried import TRIED

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads the developer's own home or passphrase."""
    for var in ("WARDEN_HOME", "WARDEN_PASSPHRASE", "WARDEN_KEY_FILE", "WARDEN_DEBUG"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture(scope="session")
def synth_small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small synthetic log (about 8k events) with ground truth, made once."""
    from app.demo import generate

    out = tmp_path_factory.mktemp("synth_small")
    generate(out, accounts=60, seed=11)
    return out


def pytest_configure(config: pytest.Config) -> None:
    os.environ.setdefault("PYTHONHASHSEED", "0")


@pytest.fixture(scope="session")
def redactor():  # type: ignore[no-untyped-def]
    """One real Presidio + spaCy redactor for the whole run (typed placeholders)."""
    from redaction.redact import Redactor

    return Redactor()


@pytest.fixture(scope="session")
def analyzer(redactor):  # type: ignore[no-untyped-def]
    return redactor.analyzer


def pytest_sessionfinish(session: pytest.Session) -> None:
    """A worker process (pytest-xdist) sends what its hardening tests tried."""
    out = getattr(session.config, "workeroutput", None)
    if out is not None:
        out["tried"] = dict(TRIED)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: object, error: object) -> None:
    TRIED.update(getattr(node, "workeroutput", {}).get("tried", {}))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if TRIED:
        terminalreporter.section("hardening: what was tried")
        for name, n in sorted(TRIED.items()):
            terminalreporter.write_line(f"{name}: {n}")
