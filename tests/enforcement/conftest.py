from __future__ import annotations

from pathlib import Path

import pytest

from enforcement.desk import Desk
from redaction.keyring import Keyring, Unlock
from warden.config import load_config
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
