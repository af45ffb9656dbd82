"""The steps of ``warden demo`` after the log is generated: a demo home, a sweep over
the log (ingest, detection, scan, cases), then the dashboard."""

from __future__ import annotations

import os
from pathlib import Path

import click

from warden.cli import cli

DEMO_CONFIG = """\
# Demo home made by `warden demo`. Not for real data.
[redaction]
processes = 2

[sweep]
settle_seconds = 0

[enforcement.roles]
demo = "lead"
analyst = "analyst"
lead2 = "lead"
"""


def run(demo_dir: Path, log: Path, *, port: int, dashboard: bool) -> None:
    """Init a home under ``demo_dir``, sweep ``log``'s folder, start the dashboard."""
    home = demo_dir / "home"
    home.mkdir(parents=True, exist_ok=True)
    if not (home / "warden.toml").exists():
        (home / "warden.toml").write_text(DEMO_CONFIG)
    if not (os.environ.get("WARDEN_PASSPHRASE") or os.environ.get("WARDEN_KEY_FILE")):
        os.environ["WARDEN_PASSPHRASE"] = "warden-demo"
        click.echo("using the demo passphrase 'warden-demo' (set WARDEN_PASSPHRASE to choose one)")
    os.environ.setdefault("WARDEN_USER", "demo")
    ctx = click.get_current_context()
    steps: list[tuple[str, list[str]]] = [
        ("init", ["--home", str(home), "init"]),
        ("sweep", ["--home", str(home), "sweep", "--inbox", str(log.parent)]),
    ]
    if dashboard:
        steps.append(
            (
                "dashboard",
                ["--home", str(home), "dashboard", "--port", str(port), "--dev-user", "demo"],
            )
        )
    for _, args in steps:
        click.echo(f"== warden {' '.join(args)}")
        sub = cli.make_context("warden", list(args), parent=ctx.parent)
        try:
            with sub:
                cli.invoke(sub)
        except SystemExit as exc:
            if exc.code not in (0, 99, None):
                raise
