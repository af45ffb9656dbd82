"""The hardening suite counts what it tried and prints it at the end of the run."""

from __future__ import annotations

from collections import Counter

import pytest

TRIED: Counter[str] = Counter()


@pytest.fixture(scope="session")
def tried() -> Counter[str]:
    return TRIED


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if TRIED:
        terminalreporter.section("hardening: what was tried")
        for name, n in sorted(TRIED.items()):
            terminalreporter.write_line(f"{name}: {n}")
