from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.sweep import sweep
from warden.config import load_config
from warden.keys.keyring import Keyring, Unlock
from warden.store import Store

PW = "app-pw"
ROLES = '[enforcement.roles]\nalice = "analyst"\nbob = "lead"\ncarol = "lead"\n'
APP = Path(__file__).resolve().parents[2] / "app" / "dashboard"


def make_home(root: Path) -> Path:
    root.mkdir(parents=True)
    (root / "warden.toml").write_text(ROLES)
    Keyring.create(root, Unlock(passphrase=PW))
    Store(root / "warden.duckdb").migrate()
    return root


def settled(path: Path, data: bytes) -> None:
    """Write an inbox file as one the sweep takes now (changed ten minutes ago)."""
    path.write_bytes(data)
    os.utime(path, (time.time() - 600, time.time() - 600))


@pytest.fixture(scope="session")
def swept_home(tmp_path_factory: pytest.TempPathFactory, synth_small: Path) -> Path:
    root = tmp_path_factory.mktemp("app") / "home"
    make_home(root)
    inbox = root.parent / "inbox"
    inbox.mkdir()
    f = inbox / "day1.jsonl"
    f.write_bytes((synth_small / "usage.jsonl").read_bytes())
    os.utime(f, (time.time() - 600, time.time() - 600))
    cfg = load_config(root)
    result = sweep(cfg, Keyring.open(root, Unlock(passphrase=PW)), inbox=inbox)
    assert result.cases_opened >= 3 and result.groups >= 1
    return root


@pytest.fixture
def as_user(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    def set_user(home: Path, name: str | None) -> None:
        monkeypatch.setenv("WARDEN_HOME", str(home))
        monkeypatch.setenv("WARDEN_PASSPHRASE", PW)
        if name is None:
            monkeypatch.delenv("WARDEN_DEV_USER", raising=False)
        else:
            monkeypatch.setenv("WARDEN_DEV_USER", name)

    yield set_user
