"""A fresh Warden home for a benchmark, and one timed ingest into it."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from redaction.ingest import Ingestor
from warden.config import load_config
from warden.keys.keyring import Keyring, Unlock
from warden.store import Store


def fresh_ingest(
    path: Path, home: Path, overrides: dict[str, Any] | None = None
) -> tuple[float, dict[str, int]]:
    """(seconds, totals) of ingesting ``path`` into a new home with the default settings
    (or these dotted ``overrides``)."""
    home.mkdir()
    ring = Keyring.create(home, Unlock(passphrase="bench"))
    cfg = load_config(home, overrides=overrides)
    store = Store(cfg.db_path)
    store.migrate()
    t0 = time.perf_counter()
    summary = Ingestor(store, ring, cfg).ingest([path])
    return time.perf_counter() - t0, summary.totals()
