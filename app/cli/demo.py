"""``warden demo``: generate a synthetic log, then init a demo home, sweep the log
(ingest, detection, scan, cases) and start the dashboard on it, by running those
commands of this same command line."""

from __future__ import annotations

import os
from pathlib import Path

import click

from app.cli.context import Context
from app.demo import generate

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
        root = ctx.find_root().command
        sub = root.make_context("warden", list(args), parent=ctx.parent)
        try:
            with sub:
                root.invoke(sub)
        except SystemExit as exc:
            if exc.code not in (0, 99, None):
                raise


@click.command()
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

    target = generate_dir or demo_dir / "logs"
    s = generate(target, accounts=accounts, seed=seed, days=days)
    click.echo(
        f"generated {s.events:,} events from {s.accounts} accounts "
        f"({s.abusive} abusive, {s.rings} rings) into {target}"
    )
    if generate_dir is not None:
        return

    run(demo_dir, Path(s.files["log"]), port=port, dashboard=not no_dashboard)
