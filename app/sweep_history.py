"""The sweeps' history (``warden sweeps``, the dashboard's Admin page), read without
loading what a sweep runs (redaction models, detection): listing it is instant."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from warden.store import Store


@dataclass(frozen=True)
class SweepRun:
    """One row of the sweep history."""

    sweep_id: str
    started_at: datetime
    finished_at: datetime | None
    status: str
    files: int | None
    records: int | None
    accounts_scored: int | None
    cases_opened: int | None
    cases_updated: int | None
    cases_held: int | None
    scan_clean: bool | None


def recent_sweeps(store: Store, limit: int = 50) -> list[SweepRun]:
    """The latest sweeps, newest first."""
    with store.read() as con:
        rows = con.execute(
            "SELECT sweep_id, started_at, finished_at, status, files, records, "
            "accounts_scored, cases_opened, cases_updated, cases_held, scan_clean "
            "FROM sweep_runs ORDER BY started_at DESC LIMIT ?",
            [limit],
        ).fetchall()
    return [SweepRun(*r) for r in rows]
