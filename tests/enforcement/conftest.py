from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from enforcement import cases, decisions
from enforcement.desk import Desk
from warden.config import load_config
from warden.keys.keyring import Keyring, Unlock
from warden.store import Store

PW = "enforcement-pw"
ROLES = """
[enforcement.roles]
alice = "analyst"
erin = "analyst"
bob = "lead"
carol = "lead"
dave = "admin"
"""


@pytest.fixture
def desk(tmp_path: Path) -> Desk:
    home = tmp_path / "home"
    home.mkdir()
    (home / "warden.toml").write_text(ROLES)
    ring = Keyring.create(home, Unlock(passphrase=PW))
    cfg = load_config(home)
    Store(cfg.db_path).migrate()
    return Desk.open(cfg, ring)


def decided_cases(
    desk: Desk, n: int, now: datetime = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
) -> list[str]:
    """Open, claim and decide (warn) ``n`` account cases as alice; the decision ids."""
    out = []
    for i in range(n):
        s = f"ac_v1_{i:032d}"
        cid, _ = cases.open_or_update(
            desk, kind="account", subject=s, members=[s], risk=0.8, reasons=["r"], now=now
        )
        cases.claim(desk, "alice", cid, now=now)
        out.append(
            decisions.decide(
                desk,
                "alice",
                cid,
                "warn",
                "spam",
                "Sends templated phishing requests to many recipients.",
                now=now,
            )
        )
    return out
