"""What every command gets: the session of the home it works on, and the group class
that turns Warden's errors into one-line messages.

Every :class:`~warden.errors.WardenError` becomes a one-line message on stderr and
exit status 1; usage errors exit 2. No command prints a traceback: an unexpected
error prints its type only (its message could hold data) unless ``WARDEN_DEBUG=1``.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from warden.config import Config, load_config
from warden.errors import WardenError
from warden.keys.keyring import Keyring
from warden.session import Session
from warden.store import Store

if TYPE_CHECKING:
    from enforcement.desk import Desk

# The redaction profile, for every command that redacts.
profile_option = click.option(
    "--profile",
    type=click.Choice(["default", "strict"]),
    default=None,
    help="Redaction profile [default: redaction.profile]: strict also removes places, "
    "dates but the year, ages over 89 and account numbers (docs/privacy.md).",
)


def counted(n: int, word: str) -> str:
    """``1 record``, ``2,000 records``: a count with its noun in the right number."""
    return f"{n:,} {word if n == 1 else word + 's'}"


def days(value: str | None) -> int | None:
    """A number of days as a flag gives it: ``30d`` or ``30``."""
    if value is None:
        return None
    m = re.fullmatch(r"(\d+)d?", value.strip())
    if not m or int(m.group(1)) < 1:
        raise click.BadParameter(f"{value!r}: give a number of days such as 30d")
    return int(m.group(1))


def _prompt(confirm: bool) -> str:
    if not sys.stdin.isatty():
        raise click.ClickException(
            "the keyring needs a passphrase: set WARDEN_PASSPHRASE (or WARDEN_KEY_FILE)"
        )
    return str(click.prompt("Keyring passphrase", hide_input=True, confirmation_prompt=confirm))


@dataclass
class Context:
    """The home given by ``--home`` and ``--config``, opened as a session on first use."""

    home: Path
    config_file: Path | None
    _session: Session | None = None

    @property
    def session(self) -> Session:
        """The session: settings loaded once, the keyring unlocked at most once."""
        if self._session is None:
            self._session = Session.open(self.home, config_file=self.config_file, prompt=_prompt)
        return self._session

    def config(self, **overrides: Any) -> Config:
        """Settings with these dotted overrides (``None`` = flag not given)."""
        if not any(v is not None for v in overrides.values()):
            return self.session.config
        return load_config(self.home, self.config_file, overrides)

    def store(self, cfg: Config | None = None) -> Store:
        """The store of the home."""
        cfg = cfg or self.session.config
        return Store(cfg.db_path, lock_timeout=cfg.store.lock_timeout)

    def keyring(self) -> Keyring:
        """The unlocked keyring of the home ($WARDEN_KEY_FILE, $WARDEN_PASSPHRASE, or a
        prompt on a terminal)."""
        return self.session.keyring()

    def desk(self, need_keys: bool = True) -> Desk:
        """The enforcement desk of the home (the store must be at the current schema);
        with the keyring unlocked when the command writes audited entries."""
        from enforcement.desk import Desk  # `warden --help` imports no domain

        cfg = self.config()
        Desk.open(cfg, None).store.require_current()
        return Desk.open(cfg, self.keyring() if need_keys else None)

    @property
    def actor(self) -> str:
        """Who runs this command, for the audit log: $WARDEN_USER, else the login name."""
        return self.session.actor


class WardenGroup(click.Group):
    """A group whose sub-commands are loaded on first use from ``lazy`` (name ->
    ``(module:attribute, one-line help)``), and that turns Warden's errors into clean
    messages and exit codes. The help line is listed without importing the module."""

    def __init__(self, *args: Any, lazy: dict[str, tuple[str, str]] | None = None, **kw: Any):
        super().__init__(*args, **kw)
        self.lazy = lazy or {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy and cmd_name not in self.commands:
            module, attr = self.lazy[cmd_name][0].split(":")
            cmd = getattr(importlib.import_module(module), attr)
            if not isinstance(cmd, click.Command):
                raise TypeError(f"{module}:{attr} is not a click command")
            self.add_command(cmd, cmd_name)
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, self.lazy[name][1]) for name in sorted(self.lazy)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except WardenError as exc:
            raise click.ClickException(str(exc)) from None
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except KeyboardInterrupt:
            raise click.Abort() from None
        except BrokenPipeError:
            # The reader went away (`warden cases list | head`): stop quietly, and keep
            # Python from complaining again when it flushes stdout at exit.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise SystemExit(1) from None
        except Exception as exc:
            if os.environ.get("WARDEN_DEBUG") == "1":
                raise
            raise click.ClickException(
                f"internal error ({type(exc).__name__}); rerun with WARDEN_DEBUG=1 for "
                "details, and report it"
            ) from None
