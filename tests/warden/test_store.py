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


def _another_process_writes(path: Path) -> None:
    """Open ``path`` read-write in another process, at once (fails while it is held)."""
    writer = subprocess.run(
        [
            sys.executable,
            "-c",
            "import duckdb, sys; duckdb.connect(sys.argv[1]).close()",
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert writer.returncode == 0, writer.stderr


def test_shared_reads_open_the_file_once_and_a_write_inside_is_seen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "w.duckdb"
    store = Store(path)
    store.migrate()
    opened: list[bool] = []
    connect = Store._connect

    def counting(self: Store, read_only: bool) -> duckdb.DuckDBPyConnection:
        opened.append(read_only)
        return connect(self, read_only)

    monkeypatch.setattr(Store, "_connect", counting)
    with store.shared_reads():
        for _ in range(5):
            with store.read() as con:
                assert con.execute("SELECT count(*) FROM meta").fetchone() == (0,)
        assert opened == [True]  # five reads, one open
        # a write through another Store of the same file closes the shared connection
        # first (one process cannot hold a file read-only and read-write at once)
        with Store(path).write() as con:
            con.execute("INSERT INTO meta VALUES ('k', 'v')")
        with store.read() as con:
            assert con.execute("SELECT value FROM meta").fetchall() == [("v",)]
        with store.shared_reads(), store.read():  # nested: the same connection
            pass
    assert opened == [True, False, True]
    # after the block the file is let go: another process can write it at once
    _another_process_writes(path)
    with store.read(), store.read():  # outside a block each read opens its own
        pass
    assert opened == [True, False, True, True, True]


def test_shared_reads_let_go_of_the_file_when_the_block_fails(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    store = Store(path)
    store.migrate()
    with pytest.raises(RuntimeError), store.shared_reads():
        with store.read() as con:
            con.execute("SELECT 1")
        raise RuntimeError("the page stopped")
    _another_process_writes(path)


def test_a_page_holding_its_reads_never_makes_another_threads_read_wait(tmp_path: Path) -> None:
    # Two dashboard pages: A holds its reads' connection for its run and then waits for a
    # value B is computing (Streamlit's cache locks each value while one thread computes
    # it); B computes it by reading. If B's read waited for A's connection, each would
    # wait for the other for ever.
    import threading

    path = tmp_path / "w.duckdb"
    store = Store(path)
    store.migrate()
    value_lock = threading.Lock()  # the cache's lock on the value B computes
    b_has_it = threading.Event()
    done: list[str] = []

    def page_b() -> None:
        with value_lock:
            b_has_it.set()
            with store.read() as con:
                con.execute("SELECT count(*) FROM meta").fetchall()
        done.append("b")

    def page_a() -> None:
        with store.shared_reads():
            with store.read() as con:
                con.execute("SELECT 1").fetchall()
            b = threading.Thread(target=page_b, daemon=True)
            b.start()
            b_has_it.wait(10)
            if value_lock.acquire(timeout=10):  # waits for B's value
                value_lock.release()
                done.append("a")

    a = threading.Thread(target=page_a, daemon=True)
    a.start()
    a.join(30)
    assert done == ["b", "a"]
    # and a write waits for the page, then goes through
    with store.write() as con:
        con.execute("INSERT INTO meta VALUES ('k', 'v')")


def test_a_write_waits_for_a_read_on_another_thread(tmp_path: Path) -> None:
    import threading

    path = tmp_path / "w.duckdb"
    store = Store(path)
    store.migrate()
    reading, order = threading.Event(), list[object]()

    def reader() -> None:
        with store.read() as con:
            reading.set()
            time.sleep(0.5)
            order.append(con.execute("SELECT count(*) FROM meta").fetchone())

    t = threading.Thread(target=reader)
    t.start()
    reading.wait(10)
    with store.write() as con:
        con.execute("INSERT INTO meta VALUES ('k', 'v')")
        order.append("wrote")
    t.join()
    assert order == [(0,), "wrote"]


def test_a_write_gets_in_while_pages_keep_reading(tmp_path: Path) -> None:
    """Busy pages overlap: there is always one reading. A waiting write holds new reads
    back (for a second at most), so it goes in when the running ones end, not when the
    pages stop (it waited 22 s under ten busy pages before)."""
    import threading

    path = tmp_path / "w.duckdb"
    store = Store(path)
    store.migrate()
    stop, wrote_at = threading.Event(), list[float]()
    after_write = [0] * 4

    def page(i: int) -> None:
        time.sleep(0.03 * i)  # staggered, so that the reads overlap
        deadline = time.monotonic() + 20  # without the writer going first: until here
        while not stop.is_set() and time.monotonic() < deadline:
            with store.read() as con:
                con.execute("SELECT count(*) FROM meta").fetchall()
                time.sleep(0.1)
            if wrote_at:
                after_write[i] += 1

    threads = [threading.Thread(target=page, args=(i,), daemon=True) for i in range(4)]
    for t in threads:
        t.start()
    time.sleep(0.5)
    with store.write() as con:
        con.execute("INSERT INTO meta VALUES ('k', 'v')")
    wrote_at.append(time.monotonic())
    time.sleep(0.5)
    stop.set()
    for t in threads:
        t.join(30)
    assert all(n > 0 for n in after_write), after_write  # the pages were still reading


_BUSY_PAGES = """
import sys, threading, time
from pathlib import Path
from warden.store import Store
path, flags = Path(sys.argv[1]), Path(sys.argv[2])
after = [0] * 4

def page(i):
    store = Store(path)
    time.sleep(0.03 * i)  # staggered: there is always one reading
    deadline = time.monotonic() + 20
    while not (flags / "stop").exists() and time.monotonic() < deadline:
        with store.shared_reads():
            for _ in range(3):
                with store.read() as con:
                    con.execute("SELECT count(*) FROM meta").fetchall()
                time.sleep(0.03)
        if (flags / "wrote").exists():
            after[i] += 1

threads = [threading.Thread(target=page, args=(i,)) for i in range(4)]
for t in threads:
    t.start()
(flags / "ready").touch()
for t in threads:
    t.join()
print(min(after))
"""


def test_another_process_writes_while_the_dashboards_pages_keep_reading(tmp_path: Path) -> None:
    """A sweep (another process) cannot open the file while the dashboard's process has it
    open for a read, and busy pages always have one open: it says it waits
    (``<store>.write-wanted``), new reads there wait a moment, and it gets in."""
    path = tmp_path / "w.duckdb"
    Store(path).migrate()
    flags = tmp_path / "flags"
    flags.mkdir()
    pages = subprocess.Popen(
        [sys.executable, "-c", _BUSY_PAGES, str(path), str(flags)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not (flags / "ready").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)
        with Store(path, lock_timeout=8).write() as con:  # gives up after 8 s
            con.execute("INSERT INTO meta VALUES ('k', 'v')")
        (flags / "wrote").touch()
        time.sleep(1.0)
    finally:
        (flags / "stop").touch()
        out, _ = pages.communicate(timeout=60)
    assert int(out.strip()) > 0  # every page was still reading after the write
