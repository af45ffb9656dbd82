"""Warden's exceptions.

Every error Warden raises on purpose derives from :class:`WardenError`. The
command line prints its message and exits 1; a message says what was wrong, with
the offending value where that value is not personal data, and what to do.

Hierarchy::

    WardenError
    ├── ConfigError            bad or unreadable warden.toml, bad option value
    ├── StoreError             the DuckDB store
    │   ├── StoreLockedError   another process holds the database file
    │   └── StoreNotInitialisedError
    ├── InputError             an input file that cannot be read at all
    ├── KeyringError           missing, corrupt or locked keyring, wrong passphrase
    ├── VaultError             cannot decrypt, subject erased
    ├── PermissionDenied       the acting user lacks the role for an action
    ├── StateError             an action that the current state does not allow
    └── AuditError             the audit log does not verify
"""

from __future__ import annotations


class WardenError(Exception):
    """Base class of every error Warden raises on purpose."""

    exit_code = 1


class ConfigError(WardenError):
    """The configuration is invalid or cannot be read."""


class StoreError(WardenError):
    """The DuckDB store cannot be used."""


class StoreLockedError(StoreError):
    """Another process holds the database file and did not let go in time."""

    def __init__(self, message: str, holder_pid: int | None = None) -> None:
        super().__init__(message)
        self.holder_pid = holder_pid


class StoreNotInitialisedError(StoreError):
    """The home directory has no store yet."""


class InputError(WardenError):
    """An input file cannot be read at all (a bad record is quarantined instead)."""


class KeyringError(WardenError):
    """The keyring is missing, corrupt, or cannot be unlocked."""


class VaultError(WardenError):
    """An original value cannot be recovered from the vault."""


class PermissionDenied(WardenError):
    """The acting user does not hold the role that the action needs."""


class StateError(WardenError):
    """The action is not allowed in the object's current state."""


class AuditError(WardenError):
    """The audit log does not verify."""


__all__ = [
    "AuditError",
    "ConfigError",
    "InputError",
    "KeyringError",
    "PermissionDenied",
    "StateError",
    "StoreError",
    "StoreLockedError",
    "StoreNotInitialisedError",
    "VaultError",
    "WardenError",
]
