"""One session: a home opened with its settings, its keyring unlocked at most once, and
who is acting.

Every interface (the command line, the dashboard, the scheduled sweep, the notebook
API, the Spark driver) opens a :class:`Session` and hands it, or what it holds, to the
domains. The keyring is unlocked from, in this order: an explicit :class:`Unlock`
(a ``--passphrase`` given in code, a key file read by the caller), ``$WARDEN_KEY_FILE``,
``$WARDEN_PASSPHRASE``, then the interface's prompt if it has one. A source that is
given but does not work (an unreadable key file, a wrong passphrase) is an error
naming the source, never a silent fallback; no source at all is an error only when
keys are needed (:meth:`Session.keyring`), and ``None`` from
:meth:`Session.keyring_if_available`.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from warden.config import Config, load_config, resolve_home
from warden.errors import KeyringError
from warden.keys.keyring import Keyring, Unlock
from warden.store import Store

# Asked for a passphrase, with ``confirm`` when it is being chosen; None if it cannot ask.
Prompt = Callable[[bool], str]

KEY_FILE_VAR = "WARDEN_KEY_FILE"
PASSPHRASE_VAR = "WARDEN_PASSPHRASE"
USER_VAR = "WARDEN_USER"


def acting_user(explicit: str | None = None) -> str:
    """Who acts, for the audit log: the interface's user, else ``$WARDEN_USER``, else the
    login name."""
    return explicit or os.environ.get(USER_VAR) or getpass.getuser()


def unlock_source(
    explicit: Unlock | None = None,
    *,
    prompt: Prompt | None = None,
    confirm: bool = False,
    env: Mapping[str, str] | None = None,
) -> Unlock | None:
    """How to unlock the keyring, or None when nothing says how (and there is no prompt)."""
    env = os.environ if env is None else env
    if explicit is not None:
        return explicit
    key_file = env.get(KEY_FILE_VAR)
    if key_file:
        try:
            return Unlock(key_file_bytes=Path(key_file).read_bytes())
        except OSError as exc:
            raise KeyringError(
                f"cannot read {KEY_FILE_VAR} {key_file}: {exc.strerror or type(exc).__name__}"
            ) from None
    phrase = env.get(PASSPHRASE_VAR)
    if phrase is not None:  # set but empty is refused by the keyring, saying so
        return Unlock(passphrase=phrase)
    if prompt is not None:
        return Unlock(passphrase=prompt(confirm))
    return None


@dataclass
class Session:
    """A home opened for one user. Build it with :meth:`open`."""

    home: Path
    config: Config
    actor: str
    unlock: Unlock | None = None
    prompt: Prompt | None = None
    _keyring: Keyring | None = field(default=None, repr=False)

    @classmethod
    def open(
        cls,
        home: Path | str | None = None,
        *,
        config_file: Path | None = None,
        overrides: dict[str, Any] | None = None,
        actor: str | None = None,
        unlock: Unlock | None = None,
        prompt: Prompt | None = None,
    ) -> Session:
        """Resolve the home (argument, else ``$WARDEN_HOME``, else ``./.warden``) and load
        its settings. Nothing is unlocked yet."""
        where = resolve_home(Path(home) if home is not None else None)
        cfg = load_config(where, config_file, overrides or {})
        return cls(where, cfg, acting_user(actor), unlock, prompt)

    @property
    def store(self) -> Store:
        """The home's store (connections are opened per use)."""
        return Store(self.config.db_path, lock_timeout=self.config.store.lock_timeout)

    def keyring(self) -> Keyring:
        """The unlocked keyring; unlocked once per session. Raises :class:`KeyringError`
        saying what to set when no source is given."""
        if self._keyring is None:
            self._keyring = Keyring.open(self.home, self._source("the keyring", confirm=False))
        return self._keyring

    def _source(self, what: str, *, confirm: bool) -> Unlock:
        how = unlock_source(self.unlock, prompt=self.prompt, confirm=confirm)
        if how is None:
            raise KeyringError(
                f"{what} needs a passphrase: set {PASSPHRASE_VAR} (or {KEY_FILE_VAR})"
            )
        return how

    def keyring_if_available(self) -> Keyring | None:
        """The keyring when a source is given (a wrong one is still an error), else None:
        for interfaces that work read-only without keys."""
        if self._keyring is None and unlock_source(self.unlock, prompt=None) is None:
            return None
        return self.keyring()

    def create_keyring(self) -> Keyring:
        """Create the home's keyring (``warden init``), asking to confirm a prompted
        passphrase."""
        self._keyring = Keyring.create(self.home, self._source("a new keyring", confirm=True))
        return self._keyring
