"""Redaction on several processes: each worker builds its analyzer once and keeps it
for the whole run; the parent sends unique, uncached texts in chunks.

The pool starts with the first batch of at least ``POOL_FROM`` new texts: a small
input (a test, a trickle of events) is redacted here, without paying for the start
of the workers (each loads its own spaCy model)."""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing as mp
import os
import signal
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

from redaction.matmul import one_blas_thread
from redaction.pseudonym import Pseudonymizer
from redaction.redact import Redacted, Redactor
from warden.config import RedactionConfig

_worker: Redactor | None = None
POOL_FROM = 400
T = TypeVar("T")


def worker_redactor() -> Redactor:
    """The redactor of the pool worker this runs in (with the run's pseudonymizer)."""
    assert _worker is not None, "not in a redaction worker"
    return _worker


def _die_with_parent(parent: int) -> None:
    """A worker must not outlive the process that started it: a parent killed with
    SIGKILL (a crash, the kill tests) would otherwise leave its workers waiting forever.
    Linux: the kernel sends SIGTERM when the parent dies (PR_SET_PDEATHSIG)."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the pool's own shutdown has to do
        return
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _init(
    config: RedactionConfig, keys: dict[int, bytes] | None, version: int, parent: int
) -> None:
    global _worker
    _die_with_parent(parent)
    one_blas_thread()
    pseudo = Pseudonymizer(keys, version) if keys else None
    _worker = Redactor(config, pseudo)


def _run(texts: list[str]) -> list[Redacted]:
    assert _worker is not None
    return _worker.redact_many(texts)


class ParallelRedactor:
    """Like :class:`~redaction.redact.Redactor`, spread over ``config.workers()``
    processes (one process: no pool, the work runs here). Close it, or use ``with``."""

    def __init__(
        self,
        config: RedactionConfig,
        pseudonymizer: Pseudonymizer | None = None,
        keys: dict[int, bytes] | None = None,
    ) -> None:
        self.config = config
        self.processes = config.workers()
        self._cache: OrderedDict[str, Redacted] = OrderedDict()
        self._local: Redactor | None = None
        self._pool: ProcessPoolExecutor | None = None
        self._pseudonymizer = pseudonymizer
        self._keys = keys

    def _local_redactor(self) -> Redactor:
        if self._local is None:
            self._local = Redactor(self.config, self._pseudonymizer)
        return self._local

    def _start_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            pseudo = self._pseudonymizer
            self._pool = ProcessPoolExecutor(
                max_workers=self.processes,
                # fork: spawn would re-import the parent's __main__, which inside Streamlit
                # or a notebook is not a module that can be imported again. Locks held by
                # the parent are POSIX record locks, which forked workers do not inherit.
                mp_context=mp.get_context("fork"),
                initializer=_init,
                initargs=(
                    self.config,
                    self._keys if pseudo else None,
                    pseudo.version if pseudo else 0,
                    os.getpid(),
                ),
            )
        return self._pool

    def submit(self, fn: Callable[..., T], *args: Any) -> Future[T]:
        """Run ``fn(*args)`` in a worker process (the pool starts if it has not); the
        function finds the worker's redactor in :data:`_worker`."""
        return self._start_pool().submit(fn, *args)

    def __enter__(self) -> ParallelRedactor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def redact_many(self, texts: Sequence[str]) -> list[Redacted]:
        """Redact each text; repeated texts are analysed once per run."""
        todo = [t for t in dict.fromkeys(texts) if t and t not in self._cache]
        if self.processes <= 1 or (self._pool is None and len(todo) < POOL_FROM):
            return self._local_redactor().redact_many(texts)
        pool = self._start_pool()
        if todo:
            size = max(16, -(-len(todo) // (self.processes * 4)))
            chunks = [todo[i : i + size] for i in range(0, len(todo), size)]
            for chunk, result in zip(chunks, pool.map(_run, chunks), strict=True):
                for t, r in zip(chunk, result, strict=True):
                    self._cache[t] = r
        while len(self._cache) > self.config.cache_size:
            self._cache.popitem(last=False)
        out = []
        for t in texts:
            if not t:
                out.append(Redacted(t))
            else:
                cached = self._cache.get(t)
                out.append(cached if cached is not None else pool.submit(_run, [t]).result()[0])
        return out
