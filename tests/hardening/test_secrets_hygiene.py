"""The passphrase, keys and raw values never appear in output, error messages,
tracebacks, process titles or --help."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import click

from app.cli import cli
from warden.keys.keyring import Keyring, Unlock
from warden.store import Store

PASSPHRASE = "Corr3ct-Horse-Battery-Staple-77"
RAW = [
    "acct_hygiene001",
    "walter.hygiene@example.org",
    "198.51.100.23",
    "sk-proj-Hyg1eneSecretValue0123456789abcdef",
    "4111 1111 1111 1111",
]


def _run(home: Path, *args: str, passphrase: str = PASSPHRASE, stdin: str | None = None) -> str:
    env = {**os.environ, "WARDEN_PASSPHRASE": passphrase, "WARDEN_USER": "alice"}
    p = subprocess.run(
        [sys.executable, "-m", "warden", "--home", str(home), *args],
        env=env,
        capture_output=True,
        text=True,
        input=stdin,
        check=False,
        timeout=600,
    )
    return p.stdout + p.stderr


def test_nothing_secret_in_any_output(tmp_path: Path, tried: Counter[str]) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "warden.toml").write_text('[enforcement.roles]\nalice = "analyst"\n')
    ring = Keyring.create(home, Unlock(passphrase=PASSPHRASE))
    Store(home / "warden.duckdb").migrate()
    keys = [ring.master_key, ring.audit_signing_key, *ring.pseudonym_keys.values()]
    needles = (
        [PASSPHRASE, *RAW] + [base64.b64encode(k).decode() for k in keys] + [k.hex() for k in keys]
    )
    rec = {
        "request_id": "r1",
        "timestamp": "2026-10-10T10:00:00Z",
        "account_id": RAW[0],
        "user_email": RAW[1],
        "ip_address": RAW[2],
        "endpoint": "/v1/chat/completions",
        "messages": [{"role": "user", "content": f"key {RAW[3]} card {RAW[4]}"}],
    }
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps(rec) + "\n")
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        json.dumps({**rec, "request_id": "r2", "timestamp": "nope"})
        + "\n"
        + '{"account_id": "'
        + RAW[0]
        + '", "user_email": "'
        + RAW[1]
        + '"\n'
    )
    outputs = [
        _run(home, "ingest", str(good)),
        _run(home, "ingest", "--json", str(bad)),
        _run(home, "ingest", str(good), passphrase="wrong-" + PASSPHRASE[:5]),
        _run(home, "ingest", str(tmp_path / "missing.jsonl")),
        _run(home, "scan"),
        _run(home, "accounts", "--refresh", "--format", "json"),
        _run(
            home, "cases", "decide", "C9", "--action", "ban", "--policy", "spam", "--rationale", "x"
        ),
        _run(home, "redact", stdin=f"{RAW[1]} {RAW[3]}\n"),
        _run(home, "erase", "--account", "ac_v1_nonexistent", "--yes"),
        _run(home, "audit", "verify"),
    ]
    (home / "keyring.json").write_text("{corrupt")
    outputs.append(_run(home, "pseudonym", "email", "x@y.z"))
    for out in outputs:
        tried["hygiene: command outputs scanned"] += 1
        assert "Traceback" not in out
        for n in needles:
            assert n not in out, (n, out[-500:])
    # --help of every command and sub-command (the group loads them on first use: listed,
    # not only those an earlier test happened to load)
    pages = 0
    todo: list[tuple[click.Command, click.Context]] = [
        (cli, click.Context(cli, info_name="warden"))
    ]
    while todo:
        cmd, ctx = todo.pop()
        pages += 1
        tried["hygiene: --help pages scanned"] += 1
        assert not any(n in cmd.get_help(ctx) for n in needles)
        if isinstance(cmd, click.Group):
            for name in cmd.list_commands(ctx):
                sub = cmd.get_command(ctx, name)
                assert sub is not None, name
                todo.append((sub, click.Context(sub, info_name=name, parent=ctx)))
    assert pages > len(cli.list_commands(click.Context(cli)))


def test_process_title_and_arguments_hold_no_secret(
    tmp_path: Path, synth_small: Path, tried: Counter[str]
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    Keyring.create(home, Unlock(passphrase=PASSPHRASE))
    Store(home / "warden.duckdb").migrate()
    env = {**os.environ, "WARDEN_PASSPHRASE": PASSPHRASE}
    p = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "warden",
            "--home",
            str(home),
            "ingest",
            "--quiet",
            str(synth_small / "usage.jsonl"),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(3)
        titles = []
        for pid_dir in Path("/proc").iterdir():
            if pid_dir.name.isdigit():
                try:
                    titles.append((pid_dir / "cmdline").read_bytes())
                except OSError:
                    continue
        tried["hygiene: process titles scanned"] += len(titles)
        assert not any(PASSPHRASE.encode() in t for t in titles)
    finally:
        p.kill()
        p.wait()
