"""Scheduled sweeps: ingest what arrived, score, scan, open or update cases.

One sweep at a time (an exclusive POSIX record lock, ``lockf``, on ``<home>/sweep.lock``,
released by the kernel when the holder dies, so a dead sweep never blocks the next; a
record lock belongs to its process and is not inherited by the redaction workers it
forks, so an orphaned worker never holds it). A file in the
inbox is left for the next run while it is still being written: named ``*.tmp`` or
``.*``, or changed within ``sweep.settle_seconds``. Names and links that lead outside
the inbox are refused.

What is new: files in the inbox the ingest ledger has not seen, and events that
reached the store since the last finished sweep by any road (``warden ingest``, the
Spark engine, an earlier inbox). Each finished sweep records the store's watermark
(event count and latest ``ingested_at``) in its summary; a sweep with no new file and
an unchanged watermark has nothing to do.

Crash safety: the sweep row is written ``running`` first and ``done`` last. A sweep
that finds an unfinished one resumes it under the same id: ingest resumes by batch,
case evidence is keyed by the sweep id, so nothing is counted twice.

Flood guard: when a sweep would open more cases than ``sweep.flood_limit``, it opens
them held (out of the queue) and one alert case for a lead instead.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from enforcement import cases
from enforcement.decisions import final_labels
from enforcement.desk import Desk, utcnow
from investigate import detect, learn
from redaction.ingest import Ingestor, file_hash
from redaction.readers import SUFFIXES
from redaction.scan import scan_store
from warden import __version__
from warden.config import Config
from warden.errors import InputError, WardenError
from warden.keys.keyring import Keyring
from warden.store import Store

EXIT_DONE, EXIT_FAILED, EXIT_SKIP = 0, 1, 99


class SweepLocked(WardenError):
    """Another sweep holds the lock."""

    exit_code = EXIT_SKIP


@dataclass
class SweepResult:
    sweep_id: str
    status: str  # done | nothing_to_do
    resumed: bool = False
    files: list[str] = field(default_factory=list)
    left_for_next_run: list[str] = field(default_factory=list)
    records: int = 0
    stored: int = 0
    quarantined: int = 0
    accounts_scored: int = 0
    groups: int = 0
    policy_hits: dict[str, int] = field(default_factory=dict)  # shadow and live policies
    cases_opened: int = 0
    cases_updated: int = 0
    cases_held: int = 0
    scan_clean: bool = True
    scan_findings: list[dict[str, Any]] = field(default_factory=list)
    detection_run: str | None = None
    features_absent: list[str] = field(default_factory=list)  # no data for them this run
    new_events: int = 0
    watermark: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0
    versions: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@contextmanager
def sweep_lock(home: Path) -> Iterator[None]:
    """Hold the cross-process sweep lock or raise :class:`SweepLocked`."""
    home.mkdir(parents=True, exist_ok=True)
    path = home / "sweep.lock"
    fh = path.open("a+")
    try:
        try:
            fcntl.lockf(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EACCES, errno.EAGAIN):
                raise
            fh.seek(0)
            holder = fh.read().strip() or "?"
            raise SweepLocked(
                f"another sweep (process {holder}) is running; this one skips"
            ) from None
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        yield
    finally:
        fh.close()


def inbox_files(
    inbox: Path, settle_seconds: int, now: float | None = None
) -> tuple[list[Path], list[str]]:
    """(ready files, names left for the next run) in the inbox, sorted by name."""
    if not inbox.is_dir():
        raise InputError(f"inbox {inbox} is not a directory; set sweep.inbox or pass --inbox")
    root = inbox.resolve()
    now = now or time.time()
    ready, later = [], []
    for p in sorted(inbox.iterdir()):
        name = p.name
        if name.startswith(".") or name.endswith(".tmp"):
            later.append(name)
            continue
        real = p.resolve()
        if root not in real.parents:
            raise InputError(f"inbox entry {name!r} leads outside the inbox; remove it")
        if not (
            name.lower().endswith(SUFFIXES) or (real.is_dir() and any(real.rglob("*.parquet")))
        ):
            continue
        mtime = (
            max([real.stat().st_mtime] + [f.stat().st_mtime for f in real.rglob("*")])
            if real.is_dir()
            else real.stat().st_mtime
        )
        if now - mtime < settle_seconds:
            later.append(name)
            continue
        ready.append(p)
    return ready, later


def _new_files(store: Any, files: list[Path]) -> list[Path]:

    with store.read() as con:
        seen = {r[0] for r in con.execute("SELECT content_hash FROM ingest_files").fetchall()}
    return [f for f in files if file_hash(f) not in seen]


def store_watermark(store: Store) -> dict[str, Any]:
    """How far the store's events go: ``{"events": count, "ingested_at": latest ISO time}``."""
    with store.read() as con:
        row = con.execute("SELECT count(*), max(ingested_at) FROM events").fetchone()
    n, latest = row if row else (0, None)
    return {"events": int(n), "ingested_at": latest.isoformat() if latest else None}


def last_watermark(store: Store) -> dict[str, Any]:
    """The watermark recorded by the latest finished sweep (empty before the first)."""
    with store.read() as con:
        row = con.execute(
            "SELECT summary FROM sweep_runs WHERE status = 'done' AND summary IS NOT NULL "
            "ORDER BY finished_at DESC LIMIT 1"
        ).fetchone()
    if row is None:
        return {}
    mark = json.loads(row[0]).get("watermark") or {}
    return mark if isinstance(mark, dict) else {}


def _events_since(store: Store, mark: dict[str, Any], now: dict[str, Any]) -> int:
    """Events in the store (now at watermark ``now``) that the sweep which recorded
    ``mark`` did not see."""
    if not mark:
        return int(now["events"])
    if now == mark:
        return 0
    with store.read() as con:
        row = con.execute(
            "SELECT count(*) FROM events WHERE ingested_at > ?::TIMESTAMPTZ",
            [mark.get("ingested_at") or "1970-01-01T00:00:00+00:00"],
        ).fetchone()
    later = row[0] if row else 0
    # a batch committed late with an older ingested_at still moves the count
    return max(int(later), int(now["events"]) - int(mark.get("events", 0)), 1)


def sweep(
    config: Config,
    keyring: Keyring,
    *,
    inbox: Path | None = None,
    actor: str = "sweep",
    now: float | None = None,
) -> SweepResult:
    """Run one sweep (see the module doc). Raises :class:`SweepLocked` when another runs."""
    t0 = time.perf_counter()
    desk = Desk.open(config, keyring)
    store = desk.store
    with sweep_lock(config.home):
        inbox_dir = inbox or (Path(config.sweep.inbox) if config.sweep.inbox else None)
        files: list[Path] = []
        later: list[str] = []
        if inbox_dir is not None:
            files, later = inbox_files(inbox_dir, config.sweep.settle_seconds, now)
        with store.read() as con:
            unfinished = con.execute(
                "SELECT sweep_id FROM sweep_runs WHERE status = 'running' "
                "ORDER BY started_at DESC LIMIT 1"
            ).fetchone()
        new = _new_files(store, files)
        previous = last_watermark(store)
        new_events = _events_since(store, previous, store_watermark(store))
        versions = {"warden": __version__}
        if not new and not new_events and unfinished is None:
            return SweepResult(
                "",
                "nothing_to_do",
                left_for_next_run=later,
                seconds=time.perf_counter() - t0,
                versions=versions,
            )
        started = datetime.now(UTC)
        sweep_id = unfinished[0] if unfinished else f"sweep-{started:%Y%m%dT%H%M%S}-{os.getpid()}"
        result = SweepResult(
            sweep_id,
            "done",
            resumed=unfinished is not None,
            files=[f.name for f in new],
            left_for_next_run=later,
            new_events=new_events,
            versions=versions,
        )
        if unfinished is None:
            with store.write() as con:
                con.execute(
                    "INSERT INTO sweep_runs (sweep_id, started_at, status) "
                    "VALUES (?, ?, 'running')",
                    [sweep_id, started],
                )
        try:
            _run(config, keyring, desk, new, result, actor, previous)
        except WardenError as exc:
            with store.write() as con:
                con.execute(
                    "UPDATE sweep_runs SET status = 'failed', finished_at = ?, error = ? "
                    "WHERE sweep_id = ?",
                    [datetime.now(UTC), str(exc), sweep_id],
                )
            raise
        result.seconds = time.perf_counter() - t0
        with store.write() as con:
            con.execute(
                "UPDATE sweep_runs SET status = 'done', finished_at = ?, files = ?, records = ?, "
                "accounts_scored = ?, cases_opened = ?, cases_updated = ?, cases_held = ?, "
                "scan_clean = ?, detection_run = ?, summary = ? WHERE sweep_id = ?",
                [
                    datetime.now(UTC),
                    len(result.files),
                    result.records,
                    result.accounts_scored,
                    result.cases_opened,
                    result.cases_updated,
                    result.cases_held,
                    result.scan_clean,
                    result.detection_run,
                    json.dumps(result.to_dict(), default=str),
                    sweep_id,
                ],
            )
        return result


def _run(
    config: Config,
    keyring: Keyring,
    desk: Desk,
    files: list[Path],
    result: SweepResult,
    actor: str,
    previous: dict[str, Any],
) -> None:
    store = desk.store
    if files:
        summary = Ingestor(store, keyring, config).ingest(files)
        t = summary.totals()
        result.records, result.stored, result.quarantined = (
            t["records"],
            t["stored"],
            t["quarantined"],
        )
    # Events committed after this point (a concurrent `warden ingest`) belong to the
    # next sweep: the watermark is taken before detection reads the store.
    result.watermark = store_watermark(store)
    result.new_events = _events_since(store, previous, result.watermark)
    run = detect.run(store, config)
    result.detection_run = run.run_id or None
    result.accounts_scored = len(run.scores)
    result.groups = len(run.groups)
    result.features_absent = list(run.absent)
    since = previous.get("ingested_at")
    findings = scan_store(store, events_since=datetime.fromisoformat(since) if since else None)
    result.scan_findings = findings
    result.scan_clean = not findings
    threshold = config.detection.risk_threshold
    to_open: list[dict[str, Any]] = []
    grouped: set[str] = set()
    by_account = {s.account: s for s in run.scores}
    for g, risk in run.groups:
        if risk >= threshold:
            grouped |= set(g.members)
            reasons = sorted(
                {r for m in g.members for r in by_account[m].reasons if "coordinated group" in r}
            )[:1]
            reasons += [f"{len(g.members)} accounts; group risk {risk:.2f}"]
            suggested = Counter(
                by_account[m].policy for m in g.members if by_account[m].policy
            ).most_common(1)
            to_open.append(
                {
                    "kind": "group",
                    "subject": g.group_id,
                    "members": g.members,
                    "risk": risk,
                    "reasons": reasons,
                    "policy": suggested[0][0] if suggested else None,
                }
            )
    for s in run.scores:
        if s.score >= threshold and s.account not in grouped:
            to_open.append(
                {
                    "kind": "account",
                    "subject": s.account,
                    "members": [s.account],
                    "risk": s.score,
                    "reasons": s.reasons,
                    "policy": s.policy,
                }
            )
    if run.params.get("model") is not None:
        to_open += _exploration(desk, config, run, to_open, result.sweep_id)
    if run.run_id:
        to_open += _policy_cases(desk, run, result)
    with store.read() as con:
        open_subjects = {
            r[0]
            for r in con.execute(
                "SELECT subject FROM cases WHERE state IN ('open', 'in_review', 'pending_approval', "
                "'appealed')"
            ).fetchall()
        }
    brand_new = [c for c in to_open if c["subject"] not in open_subjects]
    held = len(brand_new) > config.sweep.flood_limit
    for c in to_open:
        _, created = cases.open_or_update(
            desk,
            kind=c["kind"],
            subject=c["subject"],
            members=c["members"],
            risk=c["risk"],
            reasons=c["reasons"],
            policy=c.get("policy"),
            source=result.sweep_id,
            actor=actor,
            held=held and c in brand_new,
        )
        if created:
            result.cases_opened += 1
            result.cases_held += held
        else:
            result.cases_updated += 1
    if held:
        cases.open_or_update(
            desk,
            kind="alert",
            subject=f"flood:{result.sweep_id}",
            members=[],
            risk=1.0,
            source=result.sweep_id,
            actor=actor,
            reasons=[
                f"sweep {result.sweep_id} would have opened "
                f"{len(brand_new)} cases (limit {config.sweep.flood_limit}); "
                "they are held: review the detection before releasing them"
            ],
        )


def _exploration(
    desk: Desk, config: Config, run: detect.RunResult, to_open: list[dict[str, Any]], seed: str
) -> list[dict[str, Any]]:
    """While a model is live, cases from outside its ranking (``learning.explore_*``):
    the unsupervised ranking's top and a random draw, none already open or decided."""
    chosen = {m for c in to_open for m in c["members"]}
    with desk.store.read() as con:
        busy = {
            m
            for (members,) in con.execute(
                "SELECT members FROM cases WHERE state IN "
                "('open', 'in_review', 'pending_approval', 'appealed')"
            ).fetchall()
            for m in json.loads(members)
        }
    exclude = busy | {lb.account for lb in final_labels(desk)}
    ranked = [(s.account, float(s.signals.get("unsupervised", s.score))) for s in run.scores]
    picked = learn.explore(ranked, chosen, exclude, config.learning, seed)
    by_account = {s.account: s for s in run.scores}
    out = []
    for why, accounts in (
        (
            "exploration: ranked high by the unsupervised score ({u:.2f}) though the learned "
            "model does not pick it (learning.explore_unsupervised)",
            picked.unsupervised,
        ),
        (
            "exploration: drawn at random so that the learned ranking keeps seeing what it "
            "would not pick; decide it like any other (learning.explore_random)",
            picked.random,
        ),
    ):
        for a in accounts:
            s = by_account[a]
            u = float(s.signals.get("unsupervised", s.score))
            out.append(
                {
                    "kind": "account",
                    "subject": a,
                    "members": [a],
                    "risk": s.score,
                    "reasons": [why.format(u=u), *s.reasons][:5],
                    "policy": s.policy,
                }
            )
    return out


def _policy_cases(desk: Desk, run: detect.RunResult, result: SweepResult) -> list[dict[str, Any]]:
    """Run the shadow and live policies (policies as code) over the run's window, record
    what each flags, and return cases for what the live ones flag."""
    from app import rules  # the orchestration of patterns and policies

    ran = rules.run_policies(desk, run.run_id, run.window_start, run.window_end, utcnow())
    for v, found in ran:
        result.policy_hits[f"{v.name}@v{v.version} ({v.state})"] = len(found)
    live = [(v, found) for v, found in ran if v.state == "live"]
    by_account = {s.account: s for s in run.scores}
    out = []
    for v, found in live:
        d = v.definition
        for account, n in sorted(found.items()):
            s = by_account.get(account)
            out.append(
                {
                    "kind": "account",
                    "subject": account,
                    "members": [account],
                    "risk": max(s.score if s else 0.0, 0.5),
                    "reasons": [
                        f"policy {d.name} v{v.version} ({d.describe()}): "
                        + (f"{n} prompts match" if not d.where else "its features match"),
                        *(s.reasons if s else []),
                    ][:5],
                    "policy": d.policy,
                }
            )
    return out
