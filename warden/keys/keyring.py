"""The keyring: pseudonym keys, the vault master key and the audit signing key.

It lives in the home directory as ``keyring.json`` (mode 0600), never in DuckDB. Its
secret part is encrypted with AES-256-GCM under a key-encryption key (KEK) derived
from a passphrase with scrypt (n=2^15, r=8, p=1), or taken from a key file (32 random
bytes, for automation). The header (format, KDF parameters, salt) is authenticated
as associated data, so editing it is detected like editing the ciphertext.

A missing, corrupt or wrongly unlocked keyring raises
:class:`~warden.errors.KeyringError`; a new key is only ever made by :meth:`create`.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from warden.errors import KeyringError

KEYRING_NAME = "keyring.json"
FORMAT = "warden-keyring-1"
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1


@dataclass(frozen=True)
class Unlock:
    """How to unlock a keyring: a passphrase, or the bytes of a key file."""

    passphrase: str | None = None
    key_file_bytes: bytes | None = None

    def __post_init__(self) -> None:
        if (self.passphrase is None) == (self.key_file_bytes is None):
            raise KeyringError("give exactly one of a passphrase or a key file")
        if self.passphrase is not None and not self.passphrase:
            raise KeyringError("the passphrase is empty; set WARDEN_PASSPHRASE or type one")

    def __repr__(self) -> str:  # never print the secret
        return "Unlock(passphrase=***)" if self.passphrase is not None else "Unlock(key_file=***)"


def _b64(b: bytes) -> str:
    return base64.b64encode(b).decode()


def _unb64(s: str) -> bytes:
    return base64.b64decode(s.encode(), validate=True)


def key_file_kek(raw: bytes) -> bytes:
    """The KEK held in a key file: 32 bytes, raw or base64 text."""
    data = raw.strip()
    if len(data) == 32:
        return data
    try:
        decoded = base64.b64decode(data, validate=True)
    except ValueError:
        decoded = b""
    if len(decoded) != 32:
        raise KeyringError(
            "the key file must hold 32 random bytes, raw or base64; "
            "make one with: head -c 32 /dev/urandom | base64"
        )
    return decoded


@dataclass
class Keyring:
    """The unlocked keyring. Keep it in memory only; save with :meth:`save`."""

    path: Path
    pseudonym_keys: dict[int, bytes]
    current_version: int
    master_key: bytes
    audit_signing_key: bytes
    _header: dict[str, Any] = field(repr=False, default_factory=dict)
    _kek: bytes = field(repr=False, default=b"")

    def __repr__(self) -> str:
        return f"Keyring(path={self.path}, versions={sorted(self.pseudonym_keys)})"

    @property
    def current_key(self) -> bytes:
        """The pseudonym key of the current version."""
        return self.pseudonym_keys[self.current_version]

    # -- create / open / save ---------------------------------------------
    @classmethod
    def create(cls, home: Path, unlock: Unlock) -> Keyring:
        """Make a new keyring in ``home``; refuses to overwrite one."""
        path = home / KEYRING_NAME
        if path.exists():
            raise KeyringError(f"a keyring already exists at {path}; refusing to replace it")
        header: dict[str, Any] = {"format": FORMAT}
        if unlock.passphrase is not None:
            salt = secrets.token_bytes(16)
            header["kdf"] = {
                "name": "scrypt",
                "n": SCRYPT_N,
                "r": SCRYPT_R,
                "p": SCRYPT_P,
                "salt": _b64(salt),
            }
        else:
            header["kdf"] = {"name": "key-file"}
        ring = cls(
            path=path,
            pseudonym_keys={1: secrets.token_bytes(32)},
            current_version=1,
            master_key=secrets.token_bytes(32),
            audit_signing_key=secrets.token_bytes(32),
            _header=header,
            _kek=_derive(header, unlock),
        )
        ring.save()
        return ring

    @classmethod
    def open(cls, home: Path, unlock: Unlock) -> Keyring:
        """Unlock the keyring of ``home``."""
        path = home / KEYRING_NAME
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise KeyringError(
                f"no keyring at {path}; run `warden init` to create one, or pass the right --home"
            ) from None
        except OSError as exc:
            raise KeyringError(f"cannot read keyring {path}: {exc.strerror}") from None
        try:
            doc = json.loads(raw)
            header = doc["header"]
            nonce, ct = _unb64(doc["nonce"]), _unb64(doc["ciphertext"])
            if header.get("format") != FORMAT:
                raise ValueError("format")
        except (ValueError, KeyError, TypeError):
            raise KeyringError(
                f"keyring {path} is corrupt (not a Warden keyring); restore it from backup"
            ) from None
        kek = _derive(header, unlock)
        aad = json.dumps(header, sort_keys=True).encode()
        try:
            payload = json.loads(AESGCM(kek).decrypt(nonce, ct, aad))
        except InvalidTag:
            what = "passphrase" if header["kdf"]["name"] == "scrypt" else "key file"
            raise KeyringError(
                f"wrong {what} for keyring {path}, or the keyring was altered"
            ) from None
        return cls(
            path=path,
            pseudonym_keys={int(v): _unb64(k) for v, k in payload["pseudonym_keys"].items()},
            current_version=int(payload["current_version"]),
            master_key=_unb64(payload["master_key"]),
            audit_signing_key=_unb64(payload["audit_signing_key"]),
            _header=header,
            _kek=kek,
        )

    def save(self) -> None:
        """Write the keyring atomically with mode 0600."""
        payload = {
            "pseudonym_keys": {str(v): _b64(k) for v, k in self.pseudonym_keys.items()},
            "current_version": self.current_version,
            "master_key": _b64(self.master_key),
            "audit_signing_key": _b64(self.audit_signing_key),
        }
        nonce = secrets.token_bytes(12)
        aad = json.dumps(self._header, sort_keys=True).encode()
        ct = AESGCM(self._kek).encrypt(nonce, json.dumps(payload).encode(), aad)
        doc = {"header": self._header, "nonce": _b64(nonce), "ciphertext": _b64(ct)}
        tmp = self.path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(doc, fh, indent=1)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, self.path)

    def rotate(self) -> int:
        """Add pseudonym key version N+1 and make it current; returns N+1. Call save()."""
        new = max(self.pseudonym_keys) + 1
        self.pseudonym_keys[new] = secrets.token_bytes(32)
        self.current_version = new
        return new


def _derive(header: dict[str, Any], unlock: Unlock) -> bytes:
    kdf = header.get("kdf", {})
    if kdf.get("name") == "scrypt":
        if unlock.passphrase is None:
            raise KeyringError("this keyring is locked with a passphrase; set WARDEN_PASSPHRASE")
        return Scrypt(
            salt=_unb64(kdf["salt"]), length=32, n=int(kdf["n"]), r=int(kdf["r"]), p=int(kdf["p"])
        ).derive(unlock.passphrase.encode())
    if kdf.get("name") == "key-file":
        if unlock.key_file_bytes is None:
            raise KeyringError("this keyring is locked with a key file; set WARDEN_KEY_FILE")
        return key_file_kek(unlock.key_file_bytes)
    raise KeyringError("keyring header names an unknown key derivation; restore it from backup")
