"""``warden init``, ``warden demo`` and the names reserved for later commands."""

from __future__ import annotations

from pathlib import Path

import click

from redaction.keyring import KEYRING_NAME, Keyring
from warden.cli import Context, cli
from warden.config import write_default_config


@cli.command()
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
        Keyring.create(home, obj.unlock(confirm=True))
        ring = "created, mode 0600"
    click.echo(f"home     {home}")
    click.echo(f"config   {cfg.config_path} ({'written' if wrote else 'kept'})")
    click.echo(f"keyring  {home / KEYRING_NAME} ({ring})")
    if applied:
        click.echo(f"store    {cfg.db_path} (migrations {applied[0]}..{applied[-1]} applied)")
    else:
        click.echo(f"store    {cfg.db_path} (up to date)")


@cli.command()
@click.option(
    "--generate",
    "generate_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Only write a synthetic log and its ground truth into this directory.",
)
@click.option(
    "--dir",
    "demo_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("demo"),
    show_default=True,
    help="Where the full demo keeps its log and its home.",
)
@click.option("--accounts", type=click.IntRange(10, 2_000_000), default=600, show_default=True)
@click.option("--seed", type=int, default=7, show_default=True)
@click.option("--days", type=click.IntRange(1, 365), default=30, show_default=True)
@click.option("--port", type=click.IntRange(1, 65535), default=8501, show_default=True)
@click.option("--no-dashboard", is_flag=True, help="Stop before starting the dashboard.")
@click.pass_obj
def demo(
    obj: Context,
    generate_dir: Path | None,
    demo_dir: Path,
    accounts: int,
    seed: int,
    days: int,
    port: int,
    no_dashboard: bool,
) -> None:
    """Generate a synthetic log, ingest it, sweep it and open the dashboard on it.

    The log holds normal and abusive accounts (rings, scrapers, shared credentials,
    spam farms, ...) and planted personal data, with exact ground truth beside it.
    """
    from investigate.synth import generate

    target = generate_dir or demo_dir / "logs"
    s = generate(target, accounts=accounts, seed=seed, days=days)
    click.echo(
        f"generated {s.events:,} events from {s.accounts} accounts "
        f"({s.abusive} abusive, {s.rings} rings) into {target}"
    )
    if generate_dir is not None:
        return
    from warden.commands import demo_steps

    demo_steps.run(demo_dir, Path(s.files["log"]), port=port, dashboard=not no_dashboard)
