from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from app.cli import COMMANDS, cli


def _all_commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = []
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        cmd = group.get_command(ctx, name)
        assert cmd is not None, name
        out.append((*prefix, name))
        if isinstance(cmd, click.Group):
            out += _all_commands(cmd, (*prefix, name))
    return out


def test_every_command_has_help() -> None:
    runner = CliRunner()
    commands = _all_commands(cli)
    for required in (
        "init",
        "demo",
        "version",
        "ingest",
        "sweep",
        "accounts",
        "pseudonym",
        "redact",
        "cases",
        "audit",
        "keys",
        "erase",
        "actions",
        "dashboard",
        "scan",
    ):
        assert (required,) in commands, required
    for path in commands:
        result = runner.invoke(cli, [*path, "--help"])
        assert result.exit_code == 0, (path, result.output)
        cmd = cli
        for p in path:
            cmd = cmd.commands[p]  # type: ignore[attr-defined]
        assert cmd.help and cmd.help.strip(), f"{path} has no help text"


def test_ingest_help_points_to_the_input_format() -> None:
    out = CliRunner().invoke(cli, ["ingest", "--help"]).output
    assert "docs/input-format.md" in out
    doc = (Path(__file__).resolve().parents[2] / "docs" / "input-format.md").read_text()
    for field in ("request_id", "timestamp", "account_id", "endpoint", "messages", "moderation"):
        assert f"`{field}`" in doc, field


def test_init_twice_is_harmless(tmp_path: Path) -> None:
    runner = CliRunner()
    home = tmp_path / "home"
    first = runner.invoke(
        cli, ["--home", str(home), "init"], env={"WARDEN_PASSPHRASE": "pw-test-1"}
    )
    assert first.exit_code == 0, first.output
    assert "written" in first.output and "applied" in first.output
    (home / "warden.toml").write_text((home / "warden.toml").read_text() + "\n# mine\n")
    second = runner.invoke(
        cli, ["--home", str(home), "init"], env={"WARDEN_PASSPHRASE": "pw-test-1"}
    )
    assert second.exit_code == 0, second.output
    assert "kept" in second.output and "up to date" in second.output
    assert (home / "warden.toml").read_text().endswith("# mine\n")


def test_error_path_message_exit_code_no_traceback(tmp_path: Path) -> None:
    home = tmp_path / "h"
    home.mkdir()
    (home / "warden.toml").write_text("[detection]\nwindow_dayz = 3\n")
    proc = subprocess.run(
        [sys.executable, "-m", "warden", "--home", str(home), "init"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1
    assert "unknown setting detection.window_dayz" in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout


def test_usage_error_exits_2() -> None:
    result = CliRunner().invoke(cli, ["init", "--no-such-flag"])
    assert result.exit_code == 2
    assert "No such option" in result.output


@pytest.mark.parametrize("argv", [["version"], ["--version"]])
def test_version(argv: list[str]) -> None:
    result = CliRunner().invoke(cli, argv)
    assert result.exit_code == 0
    assert "warden" in result.output


def test_listed_help_is_each_commands_own() -> None:
    """`warden --help` lists commands without importing them; its lines must say what
    each command's own help says."""
    ctx = click.Context(cli)
    for name, (_, line) in COMMANDS.items():
        cmd = cli.get_command(ctx, name)
        assert cmd is not None
        assert line == cmd.get_short_help_str(limit=80), name
    out = CliRunner().invoke(cli, ["--help"]).output
    assert all(name in out for name in COMMANDS)


def test_help_does_not_import_the_domains() -> None:
    code = (
        "import sys; from app.cli import cli; "
        "cli.main(['--help'], standalone_mode=False); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('redaction', 'investigate', 'enforcement', 'presidio_analyzer', 'spacy')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip().splitlines()[-1] == "[]"


# What a listing of the store must not load: the redaction models (spaCy, Presidio) and
# detection (scikit-learn, HDBSCAN) cost seconds at every start.
_HEAVY = ("spacy", "presidio_analyzer", "sklearn", "hdbscan")


@pytest.mark.parametrize(
    "argv", [["sweeps"], ["quarantine"], ["accounts"], ["groups"], ["cases", "list"]]
)
def test_listings_start_without_the_models(tmp_path: Path, argv: list[str]) -> None:
    from warden.store import Store

    Store(tmp_path / "warden.duckdb").migrate()
    code = (
        "import sys; from app.cli import cli\n"
        "try:\n"
        f"    cli.main(['--home', {str(tmp_path)!r}, *{argv!r}], standalone_mode=False)\n"
        "except Exception as exc:\n"
        "    print(type(exc).__name__)  # no run yet: the command still ran its imports\n"
        f"print(sorted(m for m in {_HEAVY!r} if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip().splitlines()[-1] == "[]", out


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    """`warden cases list | head -1`: no "internal error" when the reader goes away."""
    code = (
        "import sys, click; from app.cli import cli; from app.cli.context import WardenGroup; "
        "g = WardenGroup(name='g'); "
        "g.add_command(click.Command('spam', callback=lambda: [print('x' * 1000) for _ in range(10**5)])); "
        "g.main(['spam'])"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.stderr.close()
    proc.wait(timeout=60)
    assert "internal error" not in err and "Traceback" not in err, err


def test_stopping_the_dashboard_stops_its_server(tmp_path: Path) -> None:
    """The server runs in the `warden dashboard` process itself: a SIGTERM to it frees the
    port, with no child left behind."""
    import signal
    import socket
    import time

    home = tmp_path / "h"
    env = {**os.environ, "WARDEN_PASSPHRASE": "pw-dash", "WARDEN_HOME": str(home)}
    subprocess.run(
        [sys.executable, "-m", "warden", "init"], env=env, check=True, capture_output=True
    )
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "warden", "dashboard", "--port", str(port), "--dev-user", "a"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.time() + 90
        while time.time() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.5)
        else:
            pytest.fail("the dashboard did not start")
        children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()
        assert children == [], "the server should be this process, not a child"
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
        with socket.socket() as s:
            assert s.connect_ex(("127.0.0.1", port)) != 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
