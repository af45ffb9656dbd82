"""SIGKILL during ingest, at several moments, then the same command again: the store
ends exactly as after one uninterrupted run."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from warden.keys.keyring import Keyring, Unlock
from warden.store import Store

PW = "crash-test-pw"
QUERY_EVENTS = (
    "SELECT request_id, ts, account, email, ip, ip_net, messages, input_text, "
    "completion, template_hash, pii_counts FROM events ORDER BY request_id"
)
QUERY_QUARANTINE = "SELECT line_no, reason, record FROM quarantine ORDER BY line_no"


def _home(root: Path, ring_from: Path | None) -> Path:
    root.mkdir(parents=True)
    if ring_from is None:
        Keyring.create(root, Unlock(passphrase=PW))
    else:
        shutil.copy(ring_from / "keyring.json", root / "keyring.json")
    Store(root / "warden.duckdb").migrate()
    return root


def _cmd(home: Path, log: Path, processes: int = 1) -> list[str]:
    return [
        sys.executable,
        "-m",
        "warden",
        "--home",
        str(home),
        "ingest",
        "--quiet",
        "--batch-size",
        "150",
        "--processes",
        str(processes),
        str(log),
    ]


def _snapshot(home: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]], int]:
    with duckdb.connect(str(home / "warden.duckdb"), read_only=True) as con:
        ev = con.execute(QUERY_EVENTS).fetchall()
        q = con.execute(QUERY_QUARANTINE).fetchall()
        ledger = con.execute("SELECT count(*) FROM ingest_files").fetchone()
    return ev, q, int(ledger[0]) if ledger else 0


def _children(pid: int) -> list[int]:
    try:
        return [int(x) for x in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _alive(pid: int) -> bool:
    """Running (a zombie waiting to be reaped counts as gone)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.slow
@pytest.mark.parametrize(
    ("processes", "n"),
    [(1, 1500), (2, 3000)],  # 2 processes on a file large enough for whole-batch workers
    ids=["here", "workers"],
)
def test_sigkill_at_several_points_then_rerun(
    tmp_path: Path, synth_small: Path, processes: int, n: int
) -> None:
    from redaction.ingest import REMOTE_FROM_BYTES

    log = tmp_path / "log.jsonl"
    lines = (synth_small / "usage.jsonl").read_bytes().splitlines()[:n]
    lines.insert(700, b'{"request_id": "broken", "user_email": "x@y.z"')  # one quarantined line
    log.write_bytes(b"\n".join(lines) + b"\n")
    assert (log.stat().st_size > REMOTE_FROM_BYTES) == (processes > 1)
    env = {**os.environ, "WARDEN_PASSPHRASE": PW}

    ref = _home(tmp_path / "ref", None)
    t0 = time.monotonic()
    subprocess.run(_cmd(ref, log, processes), env=env, check=True, timeout=600)
    took = time.monotonic() - t0  # kill at moments spread over a run of this machine's speed
    want = _snapshot(ref)
    assert len(want[0]) == n and len(want[1]) == 1 and want[2] == 1

    home = _home(tmp_path / "crash", ref)
    kills = 0
    workers: list[int] = []
    for share in (0.05, 0.3, 0.45, 0.6, 0.75):
        delay = share * took
        proc = subprocess.Popen(_cmd(home, log, processes), env=env)
        time.sleep(delay)
        if proc.poll() is None:
            workers += _children(proc.pid)
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait()
    assert kills >= 3
    # the redaction workers of a killed ingest do not live on without it
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(_alive(p) for p in workers):
        time.sleep(0.2)
    assert not [p for p in workers if _alive(p)], "workers outlived their killed parent"
    if processes > 1:
        assert workers, "the ingest should have started worker processes"
    subprocess.run(_cmd(home, log, processes), env=env, check=True, timeout=600)
    got = _snapshot(home)
    assert got[0] == want[0]
    assert got[1] == want[1]
    assert got[2] == 1
