"""The DuckDB store: the only module that calls ``duckdb.connect``.

DuckDB lets one process write, or many processes read, a database file, never both.
So connections are short-lived: ``with store.read() as con`` and
``with store.write() as con``. Opening retries a held lock with backoff and, when the
wait runs out, raises :class:`~warden.errors.StoreLockedError` naming the holder
(DuckDB reports its PID). A write connection runs in one transaction: committed when
the block ends, rolled back on an exception.

Schema changes are numbered migrations, frozen SQL files (:mod:`warden.schema`), each applied in its
own transaction and recorded in ``schema_migrations``.
"""

from __future__ import annotations

import contextlib
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from warden.errors import StoreError, StoreLockedError, StoreNotInitialisedError
from warden.schema import LATEST, MIGRATIONS

_PID = re.compile(r"PID (\d+)")


# One DuckDB instance per file per process: a read-only and a read-write connection to
# the same file cannot be open at once in one process, so the threads of one process (the
# dashboard's pages) take turns: any number of readers, or one writer. Readers never wait
# for readers: a page that holds its reads' connection for its whole run (``shared_reads``)
# must not make another page's read wait, or two pages could each wait for the other
# (one for the file, the other for a cached value the first is computing).
# A writer that waits holds back new readers, but for ``WRITER_FIRST`` seconds at most:
# without it, pages that keep overlapping (ten busy analysts) kept a decision's write
# waiting for as long as they went on (22 s seen); with it unbounded, the two pages above
# plus a waiting writer would wait on each other for ever. Bounded, the writer gets in
# when the pages already running end, and that rare three-way case stalls a page for
# ``WRITER_FIRST`` instead.
WRITER_FIRST = 1.0
# The same across processes: a process that cannot open the file to write because another
# reads it says so in a file beside it (``<store>.write-wanted``, touched at each try);
# a process about to start a read waits while that file is fresh, WRITER_FIRST at most.
# Without it, busy pages in the dashboard kept the file open and a sweep gave up.
_WANTED_FRESH = 2.0


class _FileLock:
    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writer: int | None = None  # the writing thread; its writes may nest
        self._depth = 0
        self._waiting = 0  # writers waiting for the readers to finish
        self._mine = threading.local()  # reads held by this thread

    def _held(self) -> int:
        held: int = getattr(self._mine, "reads", 0)
        return held

    def holds_read(self) -> bool:
        """Does the calling thread hold a read?"""
        return self._held() > 0

    def acquire_read(self) -> None:
        me = threading.get_ident()
        # a thread that already reads goes on (the writer is waiting for it)
        until = 0.0 if self._held() else time.monotonic() + WRITER_FIRST
        with self._cond:
            while self._writer not in (None, me) or (self._waiting and time.monotonic() < until):
                writing = self._writer not in (None, me)
                self._cond.wait(None if writing else max(0.0, until - time.monotonic()))
            self._readers += 1
        self._mine.reads = self._held() + 1

    def release_read(self) -> None:
        self._mine.reads = self._held() - 1
        with self._cond:
            self._readers -= 1
            self._cond.notify_all()

    def acquire_write(self) -> None:
        me = threading.get_ident()
        with self._cond:
            if self._writer == me:
                self._depth += 1
                return
            if self._held():
                raise StoreError(
                    "a write was started inside a read of the same store on one thread"
                )
            self._waiting += 1
            try:
                while self._writer is not None or self._readers:
                    self._cond.wait()
            finally:
                self._waiting -= 1
                self._cond.notify_all()  # readers held back for this writer look again
            self._writer, self._depth = me, 1

    def release_write(self) -> None:
        with self._cond:
            self._depth -= 1
            if not self._depth:
                self._writer = None
                self._cond.notify_all()

    @contextmanager
    def reading(self) -> Iterator[None]:
        self.acquire_read()
        try:
            yield
        finally:
            self.release_read()

    @contextmanager
    def writing(self) -> Iterator[None]:
        self.acquire_write()
        try:
            yield
        finally:
            self.release_write()


_process_locks: dict[str, _FileLock] = {}
_process_locks_guard = threading.Lock()


def _process_lock(path: Path) -> _FileLock:
    key = str(path.resolve())
    with _process_locks_guard:
        return _process_locks.setdefault(key, _FileLock())


# Per thread and file: inside ``Store.shared_reads()``, the connection the reads share
# (None until the first read). By file, not by Store object: a write through any Store
# of the file must close it first.
_shared = threading.local()


def _shared_reads() -> dict[str, duckdb.DuckDBPyConnection | None]:
    if not hasattr(_shared, "by_file"):
        _shared.by_file = {}
    by_file: dict[str, duckdb.DuckDBPyConnection | None] = _shared.by_file
    return by_file


def _holder_description(pid: int | None) -> str:
    if pid is None:
        return "another process"
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
        cmd = " ".join(p.decode(errors="replace") for p in raw.split(b"\0") if p)
        # The program and sub-command identify the holder; arguments may not be ours
        # to print.
        return f"process {pid} ({' '.join(cmd.split()[:4])})" if cmd else f"process {pid}"
    except OSError:
        return f"process {pid}"


class Store:
    """A Warden database file.

    ``lock_timeout`` bounds how long opening waits for another process to let go.
    """

    def __init__(self, path: Path | str, *, lock_timeout: float = 30.0) -> None:
        self.path = Path(path)
        self.lock_timeout = lock_timeout

    def _connect(self, read_only: bool) -> duckdb.DuckDBPyConnection:
        if read_only and not self.path.exists():
            raise StoreNotInitialisedError(
                f"no store at {self.path}; run `warden init` (or pass the right --home)"
            )
        deadline = time.monotonic() + self.lock_timeout
        delay = 0.02
        while True:
            try:
                con = duckdb.connect(str(self.path), read_only=read_only)
                if not read_only:
                    self._want_write(False)
                return con
            except duckdb.IOException as exc:
                msg = str(exc)
                if "lock" not in msg.lower():
                    raise StoreError(f"cannot open {self.path}: {_io_reason(exc)}") from None
                if not read_only:
                    self._want_write(time.monotonic() < deadline)
                if time.monotonic() >= deadline:
                    m = _PID.search(msg)
                    pid = int(m.group(1)) if m else None
                    raise StoreLockedError(
                        f"{self.path} is locked by {_holder_description(pid)}; "
                        f"waited {self.lock_timeout:g}s. Wait for it to finish, or stop it, "
                        "then run again.",
                        holder_pid=pid,
                    ) from None
                time.sleep(min(delay, max(0.0, deadline - time.monotonic())))
                # a writer that has said it waits tries often: the file is free only
                # between the end of the reads running there and their next ones
                delay = min(delay * 2, 0.5 if read_only else 0.1)
            except duckdb.Error as exc:
                raise StoreError(f"cannot open {self.path}: {_io_reason(exc)}") from None

    def _wanted(self) -> Path:
        return self.path.with_name(self.path.name + ".write-wanted")

    def _want_write(self, wanted: bool) -> None:
        """Tell the other processes that read the file that this one waits to write (or
        no longer does)."""
        with contextlib.suppress(OSError):
            if wanted:
                self._wanted().touch()
            else:
                self._wanted().unlink(missing_ok=True)

    def _let_writer_in(self, lock: _FileLock) -> None:
        """Before a new read of a thread that reads nothing yet: while another process
        waits to write, wait (WRITER_FIRST at most) so that the reads running here end and
        the file is let go."""
        if lock.holds_read():
            return
        until = time.monotonic() + WRITER_FIRST
        while time.monotonic() < until:
            try:
                if time.time() - self._wanted().stat().st_mtime > _WANTED_FRESH:
                    return
            except OSError:
                return
            time.sleep(0.05)

    @contextmanager
    def shared_reads(self) -> Iterator[None]:
        """Reads of this file on this thread inside the block share one read-only
        connection, opened at the first read and closed when the block ends, or before a
        write in it (the reads after the write open a new one, and see it).

        Opening a DuckDB file costs some 35 ms; a dashboard page reads ten times. The
        connection holds the file (and this process's turn on it) until the block ends,
        so a writer elsewhere waits that long: keep the block to one page's run."""
        key, shared = self._key(), _shared_reads()
        if key in shared:
            yield  # already inside one
            return
        shared[key] = None
        try:
            yield
        finally:
            self._close_shared()
            del shared[key]

    def _key(self) -> str:
        return str(self.path.resolve())

    def _close_shared(self) -> None:
        shared = _shared_reads()
        con = shared.get(self._key())
        if con is not None:
            shared[self._key()] = None
            try:
                con.close()
            finally:
                _process_lock(self.path).release_read()

    @contextmanager
    def read(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-only connection, closed when the block ends (inside
        :meth:`shared_reads`, the block's connection, closed when that block ends)."""
        key, shared = self._key(), _shared_reads()
        if key in shared:
            con = shared[key]
            if con is None:
                lock = _process_lock(self.path)
                self._let_writer_in(lock)
                lock.acquire_read()
                try:
                    con = shared[key] = self._connect(read_only=True)
                except BaseException:
                    lock.release_read()
                    raise
            yield con
            return
        lock = _process_lock(self.path)
        self._let_writer_in(lock)
        with lock.reading():
            con = self._connect(read_only=True)
            try:
                yield con
            finally:
                con.close()

    @contextmanager
    def write(
        self, after_commit: Callable[[duckdb.DuckDBPyConnection], object] | None = None
    ) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-write connection in one transaction, committed when the block ends;
        ``after_commit`` is then called with the same connection, before it closes.

        A failed write (disk full, file size limit, read-only file) rolls back and
        raises :class:`StoreError` saying so; the store keeps its last committed state.
        """
        self._close_shared()  # a process opens a file read-only or read-write, not both
        with _process_lock(self.path).writing():
            con = self._connect(read_only=False)
            try:
                con.begin()
                try:
                    yield con
                    con.commit()
                except (
                    duckdb.IOException,
                    duckdb.TransactionException,
                    duckdb.FatalException,
                ) as exc:
                    _safe_rollback(con)
                    raise StoreError(
                        f"could not write to {self.path}: {_io_reason(exc)}. Nothing of this "
                        "write was kept; free disk space or fix permissions, then run again."
                    ) from None
                except BaseException:
                    _safe_rollback(con)
                    raise
                if after_commit is not None:
                    after_commit(con)
            finally:
                con.close()

    # -- schema ---------------------------------------------------------------

    def schema_version(self) -> int:
        """The highest migration applied, 0 for an empty or missing database."""
        if not self.path.exists():
            return 0
        with self.read() as con:
            return _version(con)

    def migrate(self, target: int | None = None) -> list[int]:
        """Apply pending migrations in order, up to ``target`` (default: all); returns
        the versions applied."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        applied: list[int] = []
        self._close_shared()
        with _process_lock(self.path).writing():
            con = self._connect(read_only=False)
            try:
                con.execute(
                    "CREATE TABLE IF NOT EXISTS schema_migrations ("
                    " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
                    " applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
                )
                current = _version(con)
                for mig in MIGRATIONS:
                    number, name, sql = mig.number, mig.name, mig.sql
                    if number <= current or (target is not None and number > target):
                        continue
                    con.begin()
                    try:
                        con.execute(sql)
                        con.execute(
                            "INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                            [number, name],
                        )
                        con.commit()
                    except duckdb.Error as exc:
                        con.rollback()
                        raise StoreError(
                            f"migration {number} ({name}) failed: {exc}; the store is left "
                            f"at version {current}"
                        ) from None
                    current = number
                    applied.append(number)
            finally:
                con.close()
        return applied

    def require_current(self) -> None:
        """Raise unless the store exists and has every migration applied."""
        version = self.schema_version()
        latest = LATEST
        if version == 0:
            raise StoreNotInitialisedError(
                f"no store at {self.path}; run `warden init` (or pass the right --home)"
            )
        if version < latest:
            raise StoreError(
                f"store {self.path} is at schema {version}, this Warden needs {latest}; "
                "run `warden init` to migrate it"
            )


def _safe_rollback(con: duckdb.DuckDBPyConnection) -> None:
    with contextlib.suppress(duckdb.Error):  # the transaction may already be gone
        con.rollback()


def _io_reason(exc: Exception) -> str:
    """The operating-system reason of a DuckDB I/O error, without any data values."""
    msg = str(exc)
    for reason in (
        "No space left on device",
        "File too large",
        "Read-only file system",
        "Permission denied",
        "Operation not permitted",
        "Disk quota exceeded",
    ):
        if reason.lower() in msg.lower():
            return reason.lower() + (
                " (disk full?)" if "large" in reason or "space" in reason else ""
            )
    return f"{type(exc).__name__} (disk full or unwritable?)"


def _version(con: duckdb.DuckDBPyConnection) -> int:
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name='schema_migrations'"
    ).fetchone()
    if not exists or not exists[0]:
        return 0
    row = con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()
    return int(row[0]) if row else 0
