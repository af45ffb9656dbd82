"""Faults: SIGKILL during decision writes and checkpoint writes, a full disk, a read-only
home, a locked database. Each ends in a clear error and a consistent store."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import textwrap
import time
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from warden.keys.keyring import Keyring, Unlock
from warden.store import Store

PW = "fault-pw"
ROLES = '[enforcement.roles]\nalice = "analyst"\n'


def _home(root: Path, extra: str = "") -> Path:
    root.mkdir(parents=True)
    (root / "warden.toml").write_text(ROLES + extra)
    Keyring.create(root, Unlock(passphrase=PW))
    Store(root / "warden.duckdb").migrate()
    return root


def _warden(home: Path, *args: str, **kw: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "WARDEN_PASSPHRASE": PW, "WARDEN_USER": "alice"}
    return subprocess.run(
        [sys.executable, "-m", "warden", "--home", str(home), *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        **kw,
    )  # type: ignore[call-overload]


DECIDER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from enforcement import cases, decisions
    from enforcement.desk import Desk
    from warden.keys.keyring import Keyring, Unlock
    from warden.config import load_config
    home = Path(sys.argv[1])
    desk = Desk.open(load_config(home), Keyring.open(home, Unlock(passphrase=sys.argv[2])))
    for i in range(100000):
        s = f"ac_v1_{i:032d}"
        cid, _ = cases.open_or_update(desk, kind="account", subject=s, members=[s], risk=0.8,
                                      reasons=["r"])
        cases.claim(desk, "alice", cid)
        decisions.decide(desk, "alice", cid, "warn", "spam",
                         "Templated phishing prompts from shared networks, warned.")
        print(i, flush=True)
""")


def test_sigkill_during_decisions_leaves_no_partial_decision(
    tmp_path: Path, tried: Counter[str]
) -> None:
    home = _home(tmp_path / "h")
    for delay in (2.0, 2.7, 3.3):
        p = subprocess.Popen(
            [sys.executable, "-c", DECIDER, str(home), PW],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        p.send_signal(signal.SIGKILL)
        p.wait()
        tried["faults: SIGKILL during decision writes"] += 1
    with duckdb.connect(str(home / "warden.duckdb"), read_only=True) as con:
        decided = con.execute("SELECT count(*) FROM decisions").fetchone()[0]
        audited = con.execute(
            "SELECT count(*) FROM audit_log WHERE action = 'decision.recorded'"
        ).fetchone()[0]
        stuck = con.execute(
            "SELECT count(*) FROM cases c WHERE state = 'decided' AND NOT EXISTS "
            "(SELECT 1 FROM decisions d WHERE d.case_id = c.case_id)"
        ).fetchone()[0]
        queued = con.execute("SELECT count(*) FROM outbox").fetchone()[0]
    assert decided > 0
    assert decided == audited == queued and stuck == 0
    v = _warden(home, "audit", "verify")
    if v.returncode != 0:  # only a tail the crash left unsigned, never a broken chain
        assert "not covered by a signed checkpoint" in v.stdout, v.stdout
        assert _warden(home, "audit", "checkpoint").returncode == 0
        v = _warden(home, "audit", "verify")
    assert v.returncode == 0, v.stdout


def test_checkpoint_write_cut_short(tmp_path: Path, tried: Counter[str]) -> None:
    home = _home(tmp_path / "h")
    assert _warden(home, "pseudonym", "email", "a@b.c").returncode == 0
    assert _warden(home, "pseudonym", "email", "d@e.f").returncode == 0
    cp = home / "audit" / "checkpoints.jsonl"
    data = cp.read_bytes()
    cp.write_bytes(data[: len(data) - 40])  # the last line half written
    tried["faults: checkpoint line cut short"] += 1
    v = _warden(home, "audit", "verify")
    assert v.returncode == 1 and "not covered by a signed checkpoint" in v.stdout
    assert _warden(home, "pseudonym", "email", "g@h.i").returncode == 0  # next write signs again
    assert _warden(home, "audit", "verify").returncode == 0


def _log(tmp: Path, synth: Path, n: int) -> Path:
    f = tmp / "log.jsonl"
    f.write_bytes(b"\n".join((synth / "usage.jsonl").read_bytes().splitlines()[:n]) + b"\n")
    return f


def test_full_disk_is_a_clear_error_and_rerun_completes(
    tmp_path: Path, synth_small: Path, tried: Counter[str]
) -> None:
    home = _home(tmp_path / "h")
    log = _log(tmp_path, synth_small, 3000)
    size = (home / "warden.duckdb").stat().st_size

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size + 300_000, size + 300_000))

    env = {**os.environ, "WARDEN_PASSPHRASE": PW}
    p = subprocess.run(
        [
            sys.executable,
            "-m",
            "warden",
            "--home",
            str(home),
            "ingest",
            "--quiet",
            "--batch-size",
            "500",
            str(log),
        ],
        env=env,
        capture_output=True,
        text=True,
        preexec_fn=limit,
        check=False,
        timeout=600,
    )
    tried["faults: disk full (file size limit)"] += 1
    assert p.returncode == 1, p.stdout + p.stderr
    assert "Traceback" not in p.stderr and p.stderr.strip().startswith("Error:")
    assert (
        "disk" in p.stderr.lower() or "space" in p.stderr.lower() or "too large" in p.stderr.lower()
    )
    again = _warden(home, "ingest", "--quiet", str(log), timeout=600)
    assert again.returncode == 0, again.stderr
    with duckdb.connect(str(home / "warden.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM events").fetchone() == (3000,)


def _immutable(path: Path, on: bool) -> bool:
    r = subprocess.run(
        ["chattr", "+i" if on else "-i", str(path)], capture_output=True, check=False
    )
    return r.returncode == 0


def test_read_only_home_is_a_clear_error(
    tmp_path: Path, synth_small: Path, tried: Counter[str]
) -> None:
    """The database file and the home made immutable (even root cannot write them)."""
    home = _home(tmp_path / "h")
    log = _log(tmp_path, synth_small, 50)
    db = home / "warden.duckdb"
    if not _immutable(db, True):
        pytest.skip("chattr +i is not available on this filesystem")
    _immutable(home, True)
    try:
        p = _warden(home, "ingest", str(log), timeout=300)
        q = _warden(home, "cases", "list", timeout=300)
    finally:
        _immutable(home, False)
        _immutable(db, False)
    tried["faults: read-only home"] += 1
    assert p.returncode == 1, p.stdout + p.stderr
    assert "Traceback" not in p.stderr and p.stderr.startswith("Error:")
    assert "permitted" in p.stderr or "read-only" in p.stderr or "ermission" in p.stderr, p.stderr
    assert "Traceback" not in q.stderr


def test_locked_database_names_the_holder(tmp_path: Path, tried: Counter[str]) -> None:
    home = _home(tmp_path / "h", "[store]\nlock_timeout = 1\n")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb,sys,time; c=duckdb.connect(sys.argv[1]); "
            "print('ok', flush=True); time.sleep(60)",
            str(home / "warden.duckdb"),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        r = _warden(home, "cases", "list")
        tried["faults: locked database"] += 1
        assert r.returncode == 1 and f"locked by process {holder.pid}" in r.stderr, r.stderr
        assert "Traceback" not in r.stderr
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout:
            holder.stdout.close()
