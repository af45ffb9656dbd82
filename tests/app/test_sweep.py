"""Sweeps: idempotency, the lock, SIGKILL and rerun, the flood guard, exit codes, and a
dashboard-like process reading and deciding while a sweep runs."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest

from app.sweep import SweepLocked, inbox_files, sweep, sweep_lock
from warden.config import load_config
from warden.errors import InputError
from warden.keys.keyring import Keyring, Unlock
from warden.store import Store

PW = "sweep-pw"
ROLES = '[enforcement.roles]\nalice = "analyst"\nbob = "lead"\n'


def _home(root: Path, ring_from: Path | None = None, extra: str = "") -> Path:
    root.mkdir(parents=True)
    (root / "warden.toml").write_text(ROLES + extra)
    if ring_from is None:
        Keyring.create(root, Unlock(passphrase=PW))
    else:
        shutil.copy(ring_from / "keyring.json", root / "keyring.json")
    Store(root / "warden.duckdb").migrate()
    return root


def _inbox(tmp: Path, synth: Path, n: int = 2500) -> Path:
    inbox = tmp / "inbox"
    inbox.mkdir()
    lines = (synth / "usage.jsonl").read_bytes().splitlines()[:n]
    (inbox / "day1.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    old = time.time() - 600
    os.utime(inbox / "day1.jsonl", (old, old))
    return inbox


def _cli(home: Path, *args: str, **kw: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "WARDEN_PASSPHRASE": PW, "WARDEN_USER": "sweeper"}
    return subprocess.run(
        [sys.executable, "-m", "warden", "--home", str(home), *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        **kw,
    )  # type: ignore[call-overload]


def _cases(home: Path) -> list[tuple[object, ...]]:
    with duckdb.connect(str(home / "warden.duckdb"), read_only=True) as con:
        return con.execute(
            "SELECT c.kind, c.subject, c.members, c.held, count(e.seq) FROM cases c "
            "JOIN case_evidence e USING (case_id) GROUP BY ALL ORDER BY 2"
        ).fetchall()


@pytest.mark.slow
def test_sweep_then_nothing_to_do_then_lock(tmp_path: Path, synth_small: Path) -> None:
    home = _home(tmp_path / "h")
    inbox = _inbox(tmp_path, synth_small)
    (inbox / "partial.jsonl.tmp").write_text("{}\n")
    first = _cli(home, "sweep", "--inbox", str(inbox), "--json")
    assert first.returncode == 0, first.stderr
    data = json.loads(first.stdout)
    assert data["files"] == ["day1.jsonl"] and data["left_for_next_run"] == ["partial.jsonl.tmp"]
    assert data["cases_opened"] >= 1 and data["scan_clean"] is True
    before = _cases(home)
    second = _cli(home, "sweep", "--inbox", str(inbox), "--json")
    assert second.returncode == 99
    assert _cases(home) == before
    with duckdb.connect(str(home / "warden.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*), min(status) FROM sweep_runs").fetchone() == (1, "done")
    with sweep_lock(home):
        third = _cli(home, "sweep", "--inbox", str(inbox), "--json")
    assert third.returncode == 99 and json.loads(third.stdout)["status"] == "locked"
    assert _cli(home, "audit", "verify").returncode == 0


@pytest.mark.slow
def test_sweep_covers_events_ingested_outside_the_inbox(tmp_path: Path, synth_small: Path) -> None:
    """`warden ingest FILE && warden sweep` scores and opens cases; the next sweep has
    nothing to do until more events reach the store by any road."""
    home = _home(tmp_path / "h")
    lines = (synth_small / "usage.jsonl").read_bytes().splitlines()
    (tmp_path / "a.jsonl").write_bytes(b"\n".join(lines[:2500]) + b"\n")
    (tmp_path / "b.jsonl").write_bytes(b"\n".join(lines[2500:2700]) + b"\n")
    assert _cli(home, "ingest", str(tmp_path / "a.jsonl")).returncode == 0
    first = _cli(home, "sweep", "--json")
    assert first.returncode == 0, first.stderr
    data = json.loads(first.stdout)
    assert data["files"] == [] and data["new_events"] == 2500
    assert data["accounts_scored"] > 0 and data["cases_opened"] >= 1
    second = _cli(home, "sweep")
    assert second.returncode == 99 and "no new events in the store" in second.stderr
    assert _cli(home, "ingest", str(tmp_path / "b.jsonl")).returncode == 0
    third = _cli(home, "sweep", "--json")
    assert third.returncode == 0, third.stderr
    assert json.loads(third.stdout)["new_events"] == 200
    assert _cli(home, "sweep").returncode == 99


def test_lock_is_exclusive_and_released_when_holder_dies(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
        import time, pathlib
        from app.sweep import sweep_lock
        with sweep_lock(pathlib.Path({str(tmp_path)!r})):
            print("held", flush=True)
            time.sleep(60)
        """),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(SweepLocked, match=f"process {holder.pid}"), sweep_lock(tmp_path):
            pass
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout:
            holder.stdout.close()
    with sweep_lock(tmp_path):  # a dead holder's lock is taken over
        pass


def test_a_forked_child_of_a_killed_sweep_does_not_hold_the_lock(tmp_path: Path) -> None:
    """Redaction workers are forked inside the lock; once the sweep dies they must not
    keep the next sweep out."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
        import os, time, pathlib
        from app.sweep import sweep_lock
        with sweep_lock(pathlib.Path({str(tmp_path)!r})):
            child = os.fork()
            if child == 0:
                time.sleep(60)
                os._exit(0)
            print(child, flush=True)
            time.sleep(60)
        """),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    child = int(holder.stdout.readline())
    try:
        with pytest.raises(SweepLocked), sweep_lock(tmp_path):
            pass
        holder.kill()
        holder.wait()
        os.kill(child, 0)  # the child still lives ...
        with sweep_lock(tmp_path):  # ... and does not hold the lock
            pass
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
        with contextlib.suppress(ProcessLookupError):
            os.kill(child, signal.SIGKILL)


def test_inbox_rules(tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    for name in ("a.jsonl", "b.csv", "c.txt", "d.jsonl.tmp", ".e.jsonl", "fresh.jsonl"):
        (inbox / name).write_text("{}\n")
    old = time.time() - 600
    for name in ("a.jsonl", "b.csv", "c.txt"):
        os.utime(inbox / name, (old, old))
    ready, later = inbox_files(inbox, 60)
    assert [p.name for p in ready] == ["a.jsonl", "b.csv"]
    assert sorted(later) == [".e.jsonl", "d.jsonl.tmp", "fresh.jsonl"]
    outside = tmp_path / "secret.jsonl"
    outside.write_text("{}\n")
    (inbox / "link.jsonl").symlink_to(outside)
    with pytest.raises(InputError, match="leads outside the inbox"):
        inbox_files(inbox, 60)
    with pytest.raises(InputError, match="not a directory"):
        inbox_files(tmp_path / "nope", 60)


def test_failure_exits_1_with_a_message(tmp_path: Path) -> None:
    home = _home(tmp_path / "h")
    r = _cli(home, "sweep", "--inbox", str(tmp_path / "missing"))
    assert r.returncode in (1, 2)
    assert "Traceback" not in r.stderr


@pytest.mark.slow
def test_flood_guard_holds_cases_behind_one_alert(tmp_path: Path, synth_small: Path) -> None:
    home = _home(tmp_path / "h", extra="[sweep]\nflood_limit = 2\n")
    inbox = _inbox(tmp_path, synth_small)
    cfg = load_config(home)
    result = sweep(cfg, Keyring.open(home, Unlock(passphrase=PW)), inbox=inbox)
    assert result.cases_held == result.cases_opened > 2
    rows = _cases(home)
    alerts = [r for r in rows if r[0] == "alert"]
    assert len(alerts) == 1 and not alerts[0][3]
    assert all(r[3] for r in rows if r[0] != "alert")
    from enforcement.cases import list_cases
    from enforcement.desk import Desk

    queue = list_cases(Desk.open(cfg, None))
    assert [c.kind for c in queue] == ["alert"]


@pytest.mark.slow
def test_sigkill_and_rerun_ends_as_one_run(tmp_path: Path, synth_small: Path) -> None:
    inbox = _inbox(tmp_path, synth_small, 2000)
    ref = _home(tmp_path / "ref")
    assert _cli(ref, "sweep", "--inbox", str(inbox), timeout=600).returncode == 0
    want = _cases(ref)
    home = _home(tmp_path / "crash", ring_from=ref)
    env = {**os.environ, "WARDEN_PASSPHRASE": PW}
    kills = 0
    for delay in (0.5, 4.0, 6.5, 9.0):
        p = subprocess.Popen(
            [sys.executable, "-m", "warden", "--home", str(home), "sweep", "--inbox", str(inbox)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        if p.poll() is None:
            p.send_signal(signal.SIGKILL)
            kills += 1
        p.wait()
    assert kills >= 2
    final = _cli(home, "sweep", "--inbox", str(inbox), timeout=600)
    assert final.returncode in (0, 99), final.stderr
    assert _cases(home) == want
    with duckdb.connect(str(home / "warden.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM events").fetchone() == (2000,)
        assert con.execute("SELECT count(*) FROM sweep_runs WHERE status = 'done'").fetchone() == (
            1,
        )
    v = _cli(home, "audit", "verify")
    assert v.returncode == 0 or "audit checkpoint" in v.stdout


READER = textwrap.dedent("""
    import json, sys, time
    from pathlib import Path
    from enforcement import cases, decisions
    from enforcement.desk import Desk
    from warden.keys.keyring import Keyring, Unlock
    from warden.config import load_config
    home = Path(sys.argv[1])
    cfg = load_config(home)
    desk = Desk.open(cfg, Keyring.open(home, Unlock(passphrase=sys.argv[2])))
    stop = Path(sys.argv[3])
    reads = errors = reads_during = 0
    decided = []
    last = False
    while not last:
        # the sweep has ended once `stop` exists; one more pass sees its last cases
        last = stop.exists()
        try:
            queue = cases.list_cases(desk)
            reads += 1
            reads_during += not last
            for c in queue:
                if c.case_id not in decided and c.state == "open":
                    cases.claim(desk, "alice", c.case_id)
                    decisions.decide(desk, "alice", c.case_id, "warn", "spam",
                                     "Coordinated template use from shared networks, warned.")
                    decided.append(c.case_id)
        except Exception as exc:
            errors += 1
            print("ERROR", type(exc).__name__, exc, file=sys.stderr)
        time.sleep(0.1)
    print(json.dumps({"reads": reads, "reads_during": reads_during, "errors": errors,
                      "decided": decided}))
""")


@pytest.mark.slow
def test_dashboard_like_reader_and_decider_during_a_sweep(
    tmp_path: Path, synth_small: Path
) -> None:
    home = _home(tmp_path / "h")
    inbox = _inbox(tmp_path, synth_small, 3000)
    env = {**os.environ, "WARDEN_PASSPHRASE": PW}
    stop = tmp_path / "sweep-ended"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(home), PW, str(stop)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    time.sleep(1.0)
    swept = _cli(home, "sweep", "--inbox", str(inbox), timeout=600)
    stop.touch()
    out, err = reader.communicate(timeout=120)
    assert swept.returncode == 0, swept.stderr
    report = json.loads(out.strip().splitlines()[-1])
    assert report["errors"] == 0, err
    assert report["reads_during"] > 50, "the reader hardly read while the sweep ran"
    assert report["decided"], "the reader never saw a case to decide"
    with duckdb.connect(str(home / "warden.duckdb"), read_only=True) as con:
        stored = {r[0] for r in con.execute("SELECT case_id FROM decisions").fetchall()}
    assert stored == set(report["decided"])
    assert _cli(home, "audit", "verify").returncode == 0
