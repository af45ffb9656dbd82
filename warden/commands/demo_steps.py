"""The steps of ``warden demo`` after the log is generated.

Each step runs what exists; a step whose part has not landed says so and is skipped.
"""

from __future__ import annotations

from pathlib import Path

import click

from warden.cli import cli


def run(demo_dir: Path, log: Path, *, port: int, dashboard: bool) -> None:
    """Init a home under ``demo_dir``, ingest ``log``, sweep, start the dashboard."""
    home = demo_dir / "home"
    ctx = click.get_current_context()
    steps: list[tuple[str, list[str]]] = [
        ("init", ["--home", str(home), "init"]),
        ("ingest", ["--home", str(home), "ingest", str(log)]),
        ("sweep", ["--home", str(home), "sweep"]),
    ]
    if dashboard:
        steps.append(("dashboard", ["--home", str(home), "dashboard", "--port", str(port)]))
    for name, args in steps:
        if name not in cli.commands or _is_reserved(name):
            click.echo(f"skipped  {name}: not built yet")
            continue
        click.echo(f"== warden {' '.join(args)}")
        sub = cli.make_context("warden", list(args), parent=ctx.parent)
        with sub:
            cli.invoke(sub)


def _is_reserved(name: str) -> bool:
    cmd = cli.commands.get(name)
    return bool(cmd and cmd.help and "Not available in this version yet" in cmd.help)
