from __future__ import annotations

import base64
import json
import os
import stat
from pathlib import Path

import pytest

from warden.errors import KeyringError
from warden.keys.keyring import KEYRING_NAME, Keyring, Unlock


def test_create_open_roundtrip_and_mode(tmp_path: Path) -> None:
    ring = Keyring.create(tmp_path, Unlock(passphrase="correct horse"))
    path = tmp_path / KEYRING_NAME
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again = Keyring.open(tmp_path, Unlock(passphrase="correct horse"))
    assert again.current_key == ring.current_key
    assert again.master_key == ring.master_key
    raw = path.read_bytes()
    for secret in (ring.current_key, ring.master_key, ring.audit_signing_key):
        assert secret not in raw and base64.b64encode(secret) not in raw
    assert "correct horse" not in repr(Unlock(passphrase="correct horse"))


def test_wrong_passphrase_is_a_clear_error(tmp_path: Path) -> None:
    Keyring.create(tmp_path, Unlock(passphrase="right"))
    with pytest.raises(KeyringError, match="wrong passphrase"):
        Keyring.open(tmp_path, Unlock(passphrase="wrong"))


def test_missing_and_corrupt_keyring(tmp_path: Path) -> None:
    with pytest.raises(KeyringError, match=r"no keyring .* run `warden init`"):
        Keyring.open(tmp_path, Unlock(passphrase="x"))
    (tmp_path / KEYRING_NAME).write_text("{not json")
    with pytest.raises(KeyringError, match="corrupt"):
        Keyring.open(tmp_path, Unlock(passphrase="x"))
    # never silently replaced
    with pytest.raises(KeyringError, match="already exists"):
        Keyring.create(tmp_path, Unlock(passphrase="x"))


def test_tampered_header_or_ciphertext_rejected(tmp_path: Path) -> None:
    Keyring.create(tmp_path, Unlock(passphrase="pw"))
    path = tmp_path / KEYRING_NAME
    doc = json.loads(path.read_text())
    doc["header"]["kdf"]["n"] = 2**14
    path.write_text(json.dumps(doc))
    with pytest.raises(KeyringError, match=r"wrong passphrase .* or the keyring was altered"):
        Keyring.open(tmp_path, Unlock(passphrase="pw"))


def test_key_file_unlock(tmp_path: Path) -> None:
    key = base64.b64encode(os.urandom(32))
    ring = Keyring.create(tmp_path, Unlock(key_file_bytes=key))
    assert Keyring.open(tmp_path, Unlock(key_file_bytes=key)).master_key == ring.master_key
    with pytest.raises(KeyringError, match="wrong key file"):
        Keyring.open(tmp_path, Unlock(key_file_bytes=base64.b64encode(os.urandom(32))))
    with pytest.raises(KeyringError, match="32 random bytes"):
        Keyring.open(tmp_path, Unlock(key_file_bytes=b"short"))
    with pytest.raises(KeyringError, match="WARDEN_KEY_FILE"):
        Keyring.open(tmp_path, Unlock(passphrase="pw"))


def test_rotate_adds_a_version(tmp_path: Path) -> None:
    ring = Keyring.create(tmp_path, Unlock(passphrase="pw"))
    first = ring.current_key
    assert ring.rotate() == 2
    ring.save()
    again = Keyring.open(tmp_path, Unlock(passphrase="pw"))
    assert again.current_version == 2
    assert again.pseudonym_keys[1] == first and again.current_key != first
