"""Redaction on several processes: each worker builds its analyzer once and keeps it
for the whole run; the parent sends unique, uncached texts in chunks."""

from __future__ import annotations

import multiprocessing as mp
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor

from redaction.pseudonym import Pseudonymizer
from redaction.redact import Redacted, Redactor
from warden.config import RedactionConfig

_worker: Redactor | None = None


def _init(config: RedactionConfig, keys: dict[int, bytes] | None, version: int) -> None:
    global _worker
    pseudo = Pseudonymizer(keys, version) if keys else None
    _worker = Redactor(config, pseudo)


def _run(texts: list[str]) -> list[Redacted]:
    assert _worker is not None
    return _worker.redact_many(texts)


class ParallelRedactor:
    """Like :class:`~redaction.redact.Redactor`, spread over ``config.processes``
    processes (one process: no pool, the work runs here). Close it, or use ``with``."""

    def __init__(
        self,
        config: RedactionConfig,
        pseudonymizer: Pseudonymizer | None = None,
        keys: dict[int, bytes] | None = None,
    ) -> None:
        self.config = config
        self.processes = config.processes
        self._cache: OrderedDict[str, Redacted] = OrderedDict()
        self._local: Redactor | None = None
        self._pool: ProcessPoolExecutor | None = None
        if self.processes <= 1:
            self._local = Redactor(config, pseudonymizer)
        else:
            version = pseudonymizer.version if pseudonymizer else 0
            self._pool = ProcessPoolExecutor(
                max_workers=self.processes,
                mp_context=mp.get_context("fork"),
                initializer=_init,
                initargs=(config, keys if pseudonymizer else None, version),
            )

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
        if self._local is not None:
            return self._local.redact_many(texts)
        assert self._pool is not None
        todo = [t for t in dict.fromkeys(texts) if t and t not in self._cache]
        if todo:
            size = max(16, -(-len(todo) // (self.processes * 4)))
            chunks = [todo[i : i + size] for i in range(0, len(todo), size)]
            for chunk, result in zip(chunks, self._pool.map(_run, chunks), strict=True):
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
                out.append(cached if cached is not None else _run_local(self, t))
        return out


def _run_local(pr: ParallelRedactor, text: str) -> Redacted:
    assert pr._pool is not None
    return pr._pool.submit(_run, [text]).result()[0]
