"""The session: one way for every interface to open a home and unlock its keyring."""

from __future__ import annotations

from pathlib import Path

import pytest

from warden.errors import KeyringError
from warden.keys.keyring import Keyring, Unlock
from warden.session import Session, unlock_source

PW = "session-pw"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    h = tmp_path / "home"
    h.mkdir()
    Keyring.create(h, Unlock(passphrase=PW))
    return h


def test_sources_in_order(tmp_path: Path) -> None:
    key = tmp_path / "key"
    key.write_bytes(b"k" * 32)
    explicit = Unlock(passphrase="given")
    env = {"WARDEN_KEY_FILE": str(key), "WARDEN_PASSPHRASE": "env"}
    assert unlock_source(explicit, env=env) is explicit
    assert unlock_source(env=env) == Unlock(key_file_bytes=b"k" * 32)
    assert unlock_source(env={"WARDEN_PASSPHRASE": "env"}) == Unlock(passphrase="env")
    assert unlock_source(env={}, prompt=lambda confirm: "typed") == Unlock(passphrase="typed")
    assert unlock_source(env={}) is None


def test_unreadable_key_file_is_an_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(KeyringError, match=r"cannot read WARDEN_KEY_FILE .*missing"):
        unlock_source(env={"WARDEN_KEY_FILE": str(tmp_path / "missing")})


def test_keyring_is_unlocked_once(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARDEN_PASSPHRASE", PW)
    s = Session.open(home)
    ring = s.keyring()
    monkeypatch.setenv("WARDEN_PASSPHRASE", "changed meanwhile")
    assert s.keyring() is ring
    assert s.keyring_if_available() is ring


def test_without_a_source(home: Path) -> None:
    s = Session.open(home)
    assert s.keyring_if_available() is None
    with pytest.raises(KeyringError, match="set WARDEN_PASSPHRASE"):
        s.keyring()


def test_a_wrong_source_is_never_silently_ignored(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WARDEN_PASSPHRASE", "wrong")
    with pytest.raises(KeyringError):
        Session.open(home).keyring_if_available()
    monkeypatch.setenv("WARDEN_PASSPHRASE", "")
    with pytest.raises(KeyringError, match="empty"):
        Session.open(home).keyring_if_available()


def test_actor_and_home(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARDEN_USER", "erin")
    assert Session.open(home).actor == "erin"
    assert Session.open(home, actor="frank").actor == "frank"
    monkeypatch.setenv("WARDEN_HOME", str(home))
    s = Session.open()
    assert s.home == home and s.store.path == home / "warden.duckdb"


def test_create_keyring(tmp_path: Path) -> None:
    h = tmp_path / "new"
    h.mkdir()
    s = Session.open(h, prompt=lambda confirm: "chosen" if confirm else "not confirmed")
    ring = s.create_keyring()
    assert Keyring.open(h, Unlock(passphrase="chosen")).master_key == ring.master_key
