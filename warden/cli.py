"""The ``warden`` command line: parse options, call the packages, print results.

Every :class:`~warden.errors.WardenError` becomes a one-line message on stderr and
exit status 1; usage errors exit 2. No command prints a traceback: an unexpected
error prints its type only (its message could hold data) unless ``WARDEN_DEBUG=1``.
"""

from __future__ import annotations

import getpass
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from redaction.keyring import Keyring, Unlock
from warden import __version__
from warden.config import Config, load_config, resolve_home
from warden.errors import KeyringError, WardenError
from warden.store import Store


@dataclass
class Context:
    """What every command gets: where the home is and how to load settings."""

    home: Path
    config_file: Path | None

    def config(self, **overrides: Any) -> Config:
        """Settings with these dotted overrides (``None`` = flag not given)."""
        return load_config(self.home, self.config_file, overrides)

    def store(self, cfg: Config | None = None) -> Store:
        """The store of the home."""
        cfg = cfg or self.config()
        return Store(cfg.db_path, lock_timeout=cfg.store.lock_timeout)

    def unlock(self, *, confirm: bool = False) -> Unlock:
        """How to unlock the keyring: $WARDEN_KEY_FILE, $WARDEN_PASSPHRASE, or a prompt."""
        key_file = os.environ.get("WARDEN_KEY_FILE")
        if key_file:
            try:
                return Unlock(key_file_bytes=Path(key_file).read_bytes())
            except OSError as exc:
                raise KeyringError(
                    f"cannot read WARDEN_KEY_FILE {key_file}: {exc.strerror}"
                ) from None
        phrase = os.environ.get("WARDEN_PASSPHRASE")
        if phrase is None:
            if not sys.stdin.isatty():
                raise KeyringError(
                    "the keyring needs a passphrase: set WARDEN_PASSPHRASE (or WARDEN_KEY_FILE)"
                )
            phrase = click.prompt(
                "Keyring passphrase", hide_input=True, confirmation_prompt=confirm
            )
        return Unlock(passphrase=phrase)

    def keyring(self) -> Keyring:
        """The unlocked keyring of the home."""
        return Keyring.open(self.home, self.unlock())

    @property
    def actor(self) -> str:
        """Who runs this command, for the audit log: $WARDEN_USER, else the login name."""
        return os.environ.get("WARDEN_USER") or getpass.getuser()


class WardenGroup(click.Group):
    """A group that turns Warden's errors into clean messages and exit codes."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except WardenError as exc:
            raise click.ClickException(str(exc)) from None
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except KeyboardInterrupt:
            raise click.Abort() from None
        except Exception as exc:
            if os.environ.get("WARDEN_DEBUG") == "1":
                raise
            raise click.ClickException(
                f"internal error ({type(exc).__name__}); rerun with WARDEN_DEBUG=1 for "
                "details, and report it"
            ) from None


@click.group(cls=WardenGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--home",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Warden home directory [default: $WARDEN_HOME, else ./.warden].",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="A settings file that overrides the home's warden.toml.",
)
@click.version_option(__version__, prog_name="warden")
@click.pass_context
def cli(ctx: click.Context, home: Path | None, config_file: Path | None) -> None:
    """Warden: find abuse of a model API without exposing personal data.

    Ingest usage logs into a redacted, pseudonymized store, score accounts, review
    cases and record enforcement decisions in a tamper-evident audit log.
    """
    ctx.obj = Context(home=resolve_home(home), config_file=config_file)


@cli.command()
def version() -> None:
    """Print Warden's version and those of the engines it relies on."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as v

    click.echo(f"warden {__version__}")
    for pkg in ("duckdb", "presidio-analyzer", "spacy", "hdbscan", "polars", "streamlit"):
        try:
            click.echo(f"{pkg} {v(pkg)}")
        except PackageNotFoundError:
            click.echo(f"{pkg} (not installed)")


def main() -> None:
    """Console-script entry point."""
    cli.main(prog_name="warden")


__all__ = ["Context", "cli", "main"]

# Sub-commands live in warden/commands/, one module per area; importing registers them.
from warden.commands import (  # noqa: E402,F401
    core,
    dashboard,
    detect,
    enforce,
    ingest,
    keys,
    redact,
    sweep,
)
