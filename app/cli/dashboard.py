"""``warden dashboard``: run the Streamlit app."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from app.cli.context import Context

APP = Path(__file__).resolve().parents[1] / "dashboard" / "main.py"


def streamlit_command(port: int, address: str = "127.0.0.1") -> list[str]:
    """The `streamlit run` command line, with telemetry off and no browser opened (through
    ``app.dashboard.serve``, which imports what the pages need before the server starts)."""
    return [
        sys.executable,
        "-m",
        "app.dashboard.serve",
        "run",
        str(APP),
        "--server.port",
        str(port),
        "--server.address",
        address,
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
        "--global.developmentMode",
        "false",
        "--client.toolbarMode",
        "viewer",
        # no full garbage collection after every page run: it held the interpreter
        # (and so the thread that sends the page) ~0.3 s after each run here; Python's
        # own collector still runs as memory is allocated
        "--runner.postScriptGC",
        "false",
    ]


@click.command()
@click.option("--port", type=click.IntRange(1, 65535), default=8501, show_default=True)
@click.option("--address", default="127.0.0.1", show_default=True)
@click.option(
    "--dev-user",
    default=None,
    metavar="NAME",
    help="Act as NAME without authentication (development only; shown on every "
    "page and recorded in the audit log). Without it, OIDC must be configured.",
)
@click.pass_obj
def dashboard(obj: Context, port: int, address: str, dev_user: str | None) -> None:
    """Start the analyst dashboard (Streamlit) on this home."""
    obj.store().require_current()
    env = {**os.environ, "WARDEN_HOME": str(obj.home.resolve())}
    if dev_user:
        env["WARDEN_DEV_USER"] = dev_user
    if obj.config_file:
        env["WARDEN_CONFIG"] = str(obj.config_file.resolve())
    click.echo(f"Warden dashboard on http://{address}:{port}  (Ctrl-C to stop)")
    sys.stdout.flush()
    sys.stderr.flush()
    # The server takes this process's place: stopping `warden dashboard` (Ctrl-C, SIGTERM
    # from a service manager) stops the server, and no child is left holding the port.
    cmd = streamlit_command(port, address)
    os.execve(cmd[0], cmd, env)
