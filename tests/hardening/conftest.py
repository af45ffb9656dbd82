"""The hardening suite counts what it tried (``tests.tried``); the count is printed at
the end of the run (``tests/conftest.py``)."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.tried import TRIED


@pytest.fixture(scope="session")
def tried() -> Counter[str]:
    return TRIED
