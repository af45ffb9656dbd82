from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest

from warden.errors import StoreError, StoreLockedError, StoreNotInitialisedError
from warden.schema import MIGRATIONS, Migration
from warden.store import Store

HOLDER = textwrap.dedent(
    """
    import sys, time, duckdb
    con = duckdb.connect(sys.argv[1])
    print("ready", flush=True)
    time.sleep(float(sys.argv[2]))
    con.close()
    print("released", flush=True)
    time.sleep(30)
    """
)


def _hold(path: Path, seconds: float) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path), str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    return proc


def _stop(proc: subprocess.Popen[str]) -> None:
    proc.kill()
    proc.wait()
    if proc.stdout:
        proc.stdout.close()


def test_migrate_applies_all_then_nothing(tmp_path: Path) -> None:
    store = Store(tmp_path / "w.duckdb")
    assert store.schema_version() == 0
    applied = store.migrate()
    assert applied == [m.number for m in MIGRATIONS]
    assert store.migrate() == []
    with store.read() as con:
        rows = con.execute("SELECT version, name FROM schema_migrations ORDER BY 1").fetchall()
    assert [r[0] for r in rows] == [m.number for m in MIGRATIONS]
    assert rows[0][1] == MIGRATIONS[0].name
    store.require_current()


def test_failed_migration_rolls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import warden.store as store_mod

    bad = [*MIGRATIONS, Migration(99, "broken", "CREATE TABLE t99 (a INT); SELECT * FROM nope;")]
    monkeypatch.setattr(store_mod, "MIGRATIONS", bad)
    store = Store(tmp_path / "w.duckdb")
    with pytest.raises(StoreError, match="migration 99 \\(broken\\) failed"):
        store.migrate()
    assert store.schema_version() == MIGRATIONS[-1].number
    with store.read() as con:
        tables = {
            r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
        }
    assert "t99" not in tables


def test_read_of_missing_store_says_run_init(tmp_path: Path) -> None:
    store = Store(tmp_path / "none.duckdb")
    with pytest.raises(StoreNotInitialisedError, match="warden init"), store.read():
        pass


def test_write_rolls_back_on_error(tmp_path: Path) -> None:
    store = Store(tmp_path / "w.duckdb")
    store.migrate()
    with pytest.raises(RuntimeError), store.write() as con:
        con.execute("INSERT INTO meta VALUES ('a', 'b')")
        raise RuntimeError("boom")
    with store.read() as con:
        assert con.execute("SELECT count(*) FROM meta").fetchone() == (0,)


def test_lock_held_by_other_process_names_its_pid(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    Store(path).migrate()
    proc = _hold(path, 30)
    try:
        t0 = time.monotonic()
        with pytest.raises(StoreLockedError) as err, Store(path, lock_timeout=0.6).read():
            pass
        waited = time.monotonic() - t0
        assert err.value.holder_pid == proc.pid
        assert f"process {proc.pid}" in str(err.value)
        assert "waited 0.6s" in str(err.value)
        assert waited >= 0.5  # it retried before giving up
    finally:
        _stop(proc)


def test_lock_retry_succeeds_when_holder_lets_go(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    Store(path).migrate()
    proc = _hold(path, 0.8)
    try:
        t0 = time.monotonic()
        with Store(path, lock_timeout=15).write() as con:
            con.execute("INSERT INTO meta VALUES ('k', 'v')")
        assert time.monotonic() - t0 >= 0.3
    finally:
        _stop(proc)
    with duckdb.connect(str(path), read_only=True) as con:
        assert con.execute("SELECT value FROM meta WHERE key='k'").fetchone() == ("v",)
