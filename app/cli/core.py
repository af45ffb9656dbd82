"""``warden init`` and ``warden version``."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version

import click

from app.cli.context import Context
from warden import __version__
from warden.config import write_default_config
from warden.keys.keyring import KEYRING_NAME


@click.command()
@click.pass_obj
def init(obj: Context) -> None:
    """Create the home directory, its warden.toml and the store; migrate an old store.

    Running it again is harmless: what exists is kept, pending migrations applied.
    """
    home = obj.home
    home.mkdir(parents=True, exist_ok=True)
    wrote = write_default_config(home)
    cfg = obj.config()
    applied = obj.store(cfg).migrate()
    if (home / KEYRING_NAME).exists():
        ring = "kept"
    else:
        obj.session.create_keyring()
        ring = "created, mode 0600"
    click.echo(f"home     {home}")
    click.echo(f"config   {cfg.config_path} ({'written' if wrote else 'kept'})")
    click.echo(f"keyring  {home / KEYRING_NAME} ({ring})")
    if applied:
        click.echo(f"store    {cfg.db_path} (migrations {applied[0]}..{applied[-1]} applied)")
    else:
        click.echo(f"store    {cfg.db_path} (up to date)")


@click.command()
def version() -> None:
    """Print Warden's version and those of the engines it relies on."""
    click.echo(f"warden {__version__}")
    for pkg in ("duckdb", "presidio-analyzer", "spacy", "hdbscan", "polars", "streamlit"):
        try:
            click.echo(f"{pkg} {package_version(pkg)}")
        except PackageNotFoundError:
            click.echo(f"{pkg} (not installed)")
