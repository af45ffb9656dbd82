"""What the store says about accounts: the reads that the dashboard, the command line and
the notebook API share, returned as typed records.

Everything here is read-only, opens one short-lived connection per call, and returns
pseudonyms and redacted text only (that is all the store holds).
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

import pyarrow as pa

from investigate.features import FEATURES, MIN_PEERS
from warden.errors import StateError
from warden.schema import PROMPT_SQL
from warden.store import Store

# A ratio of an account's feature to the population median is computed with this
# added to both sides, so that a median of zero gives a finite ratio.
_EPS = 1e-3


@dataclass(frozen=True)
class DetectionRun:
    """One persisted detection run."""

    run_id: str
    started_at: datetime
    finished_at: datetime
    window_start: datetime
    window_end: datetime
    accounts: int
    groups: int


@dataclass(frozen=True)
class AccountScore:
    """One account's place in a run: its risk, cluster, group, map position and why."""

    account: str
    score: float
    cluster: int | None
    group: str | None
    reasons: list[str]
    signals: dict[str, float]
    x: float | None
    y: float | None

    def to_json(self) -> dict[str, Any]:
        """The ``warden accounts --format json`` contract."""
        return {
            "account": self.account,
            "score": round(self.score, 6),
            "cluster": self.cluster,
            "group": self.group,
            "reasons": self.reasons,
        }


@dataclass(frozen=True)
class Group:
    """A coordinated group of a run."""

    group_id: str
    size: int
    risk: float
    members: list[str]
    evidence: dict[str, Any]


@dataclass(frozen=True)
class GroupLink:
    """An account of a group and a network or prompt template it shares with another
    member of the group."""

    account: str
    kind: str  # "network" | "template"
    node: str


@dataclass(frozen=True)
class FeatureDeviation:
    """One feature of one or more accounts (their mean) against the run's median."""

    feature: str
    value: float
    median: float
    peers: str = "everyone"  # whose median: a main endpoint ("chat", ...) or everyone

    @property
    def ratio(self) -> float:
        return (self.value + _EPS) / (self.median + _EPS)

    @property
    def distance(self) -> float:
        """How many times larger or smaller the value is than the median, as a log (on
        magnitudes, so that signed features such as burstiness compare too)."""
        return abs(math.log((abs(self.value) + _EPS) / (abs(self.median) + _EPS)))


@dataclass(frozen=True)
class ActivityHour:
    hour: datetime
    requests: int
    flagged: int


@dataclass(frozen=True)
class EventRow:
    """A redacted event, as investigators see it."""

    request_id: str
    ts: datetime
    account: str
    org: str | None
    api_key: str | None
    ip_net: str | None
    client: str | None
    country: str | None
    endpoint: str
    model: str | None
    status_code: int | None
    prompt_tokens: int | None
    completion_tokens: int | None
    flagged: bool | None
    refusal: bool
    jailbreak_hits: int
    template_hash: str | None
    prompt: str | None
    completion: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


_RUN_COLS = "run_id, started_at, finished_at, window_start, window_end, accounts, groups"


def latest_run(store: Store) -> DetectionRun | None:
    """The most recent detection run, or None before the first."""
    with store.read() as con:
        row = con.execute(
            f"SELECT {_RUN_COLS} FROM detection_runs ORDER BY finished_at DESC LIMIT 1"
        ).fetchone()
    return DetectionRun(*row) if row else None


def require_run(store: Store, run_id: str | None = None) -> str:
    """``run_id``, else the latest run's id; a clear error when there is none."""
    if run_id:
        return run_id
    run = latest_run(store)
    if run is None:
        raise StateError(
            "no detection run yet: run `warden sweep` (or `warden accounts --refresh`)"
        )
    return run.run_id


def scores(store: Store, run_id: str | None = None, limit: int | None = None) -> list[AccountScore]:
    """The accounts of a run (default: the latest), riskiest first; [] before any run."""
    run_id = run_id or _latest_id(store)
    if run_id is None:
        return []
    sql = (
        "SELECT account, score, cluster, group_id, reasons, signals, x, y FROM account_scores "
        "WHERE run_id = ? ORDER BY score DESC, account"
    )
    args: list[Any] = [run_id]
    if limit:
        sql += " LIMIT ?"
        args.append(limit)
    with store.read() as con:
        rows = con.execute(sql, args).fetchall()
    return [
        AccountScore(a, s, c, g, json.loads(r or "[]"), json.loads(sig or "{}"), x, y)
        for a, s, c, g, r, sig, x, y in rows
    ]


def account_score(store: Store, account: str, run_id: str | None = None) -> AccountScore | None:
    """One account's score in a run (default: the latest), None if it was not scored."""
    run_id = require_run(store, run_id)
    with store.read() as con:
        row = con.execute(
            "SELECT account, score, cluster, group_id, reasons, signals, x, y "
            "FROM account_scores WHERE run_id = ? AND account = ?",
            [run_id, account],
        ).fetchone()
    if row is None:
        return None
    a, s, c, g, r, sig, x, y = row
    return AccountScore(a, s, c, g, json.loads(r or "[]"), json.loads(sig or "{}"), x, y)


def account_features(store: Store, account: str, run_id: str | None = None) -> dict[str, float]:
    """The features of one account in a run (default: the latest); {} if not scored."""
    run_id = require_run(store, run_id)
    with store.read() as con:
        row = con.execute(
            f"SELECT {', '.join(FEATURES)} FROM account_features WHERE run_id = ? AND account = ?",
            [run_id, account],
        ).fetchone()
    return dict(zip(FEATURES, row, strict=True)) if row else {}


def feature_deviation(
    store: Store, accounts: list[str], run_id: str | None = None
) -> list[FeatureDeviation]:
    """Every feature the run had, of ``accounts`` (their mean), against the median of
    their peers (the accounts with the same main endpoint, as the anomaly score compares
    them; everyone when there are fewer than ``MIN_PEERS``), the most deviating first;
    [] when none of them was scored."""
    run_id = require_run(store, run_id)
    main = (
        "CASE WHEN greatest(chat_share, embeddings_share, moderations_share) <= 0 THEN 'other' "
        "WHEN chat_share >= embeddings_share AND chat_share >= moderations_share THEN 'chat' "
        "WHEN embeddings_share >= moderations_share THEN 'embeddings' ELSE 'moderations' END"
    )
    med = ", ".join(f"median({f})" for f in FEATURES)
    avg = ", ".join(f"avg({f})" for f in FEATURES)
    with store.read() as con:
        mine = con.execute(
            f"SELECT {avg}, count(*), mode({main}) FROM account_features "
            "WHERE run_id = ? AND account IN (SELECT unnest(?::VARCHAR[]))",
            [run_id, accounts],
        ).fetchone()
        if not mine or not mine[-2]:
            return []
        usage = mine[-1]
        row = con.execute(
            f"SELECT count(*) FROM account_features WHERE run_id = ? AND {main} = ?",
            [run_id, usage],
        ).fetchone()
        peers = usage if row and row[0] >= MIN_PEERS else "everyone"
        where = "run_id = ?" + (f" AND {main} = ?" if peers != "everyone" else "")
        medians = con.execute(
            f"SELECT {med} FROM account_features WHERE {where}",
            [run_id] + ([usage] if peers != "everyone" else []),
        ).fetchone()
    if not medians:
        return []
    out = [
        FeatureDeviation(f, float(v), float(m or 0.0), peers)
        for f, v, m in zip(FEATURES, mine[:-2], medians, strict=True)
        if v is not None  # absent from the run's data
    ]
    return sorted(out, key=lambda d: -d.distance)


def activity(store: Store, accounts: list[str], bucket: str | None = None) -> list[ActivityHour]:
    """Requests and flagged requests of ``accounts`` per hour (``bucket="hour"``), day
    (``"day"``; by default, days when the activity spans more than three days) or week,
    oldest first, with every empty bucket in between present as zeros (a gap is a gap)."""
    span = _rows(
        store,
        "SELECT min(ts), max(ts) FROM events WHERE account IN (SELECT unnest(?::VARCHAR[]))",
        [accounts],
    )
    first, last = span[0] if span else (None, None)
    if first is None:
        return []
    if bucket is None:
        bucket = "day" if (last - first).total_seconds() > 3 * 86400 else "hour"
    if bucket not in ("hour", "day", "week"):
        raise ValueError("bucket is hour, day or week")
    rows = _rows(
        store,
        f"WITH b AS (SELECT date_trunc('{bucket}', ts) AS t, count(*) AS n, "
        "count(*) FILTER (WHERE flagged) AS f FROM events "
        "WHERE account IN (SELECT unnest(?::VARCHAR[])) GROUP BY 1), "
        f"s AS (SELECT unnest(generate_series(date_trunc('{bucket}', ?::TIMESTAMPTZ), "
        f"date_trunc('{bucket}', ?::TIMESTAMPTZ), INTERVAL 1 {bucket})) AS t) "
        "SELECT s.t, coalesce(b.n, 0), coalesce(b.f, 0) FROM s LEFT JOIN b USING (t) ORDER BY 1",
        [accounts, first, last],
    )
    return [ActivityHour(t, int(n), int(f)) for t, n, f in rows]


_EVENT_COLS = (
    "request_id, ts, account, org, api_key, ip_net, client, country, endpoint, model, "
    "status_code, prompt_tokens, completion_tokens, flagged, refusal, jailbreak_hits, "
    f"template_hash, {PROMPT_SQL} AS prompt, completion"
)


def _events_sql(
    accounts: list[str] | None,
    since: datetime | None,
    until: datetime | None,
    endpoint: str | None,
    flagged: bool | None,
    limit: int | None,
    search: str | None = None,
    offset: int = 0,
) -> tuple[str, list[Any]]:
    where: list[str] = ["true"]
    args: list[Any] = []
    for cond, val in (
        ("account IN (SELECT unnest(?::VARCHAR[]))", accounts),
        ("ts >= ?", since),
        ("ts < ?", until),
        ("endpoint = ?", endpoint),
        ("flagged = ?", flagged),
    ):
        if val is not None:
            where.append(cond)
            args.append(val)
    if search:
        where.append(f"({PROMPT_SQL} ILIKE ? ESCAPE '\\' OR completion ILIKE ? ESCAPE '\\')")
        pattern = "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        args += [pattern, pattern]
    sql = f"SELECT {_EVENT_COLS} FROM events WHERE {' AND '.join(where)} ORDER BY ts DESC"
    if limit:
        sql += " LIMIT ? OFFSET ?"
        args += [int(limit), int(offset)]
    return sql, args


def events_table(
    store: Store,
    *,
    accounts: list[str] | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    endpoint: str | None = None,
    flagged: bool | None = None,
    limit: int | None = 100_000,
    search: str | None = None,
    offset: int = 0,
) -> pa.Table:
    """Redacted events, newest first, filtered by account, time, endpoint, flag and text
    (``search``: words in the prompt or the answer, case-insensitive), a page of ``limit``
    from ``offset``, as an Arrow table (:func:`events` gives records)."""
    sql, args = _events_sql(accounts, since, until, endpoint, flagged, limit, search, offset)
    with store.read() as con:
        return con.sql(sql, params=args).to_arrow_table()


def events(store: Store, *, limit: int | None = 50, **filters: Any) -> list[EventRow]:
    """Redacted events, newest first, filtered as :func:`events_table` is."""
    return [EventRow(**r) for r in events_table(store, limit=limit, **filters).to_pylist()]


def groups(store: Store, run_id: str | None = None) -> list[Group]:
    """The coordinated groups of a run (default: the latest), riskiest first."""
    run_id = run_id or _latest_id(store)
    if run_id is None:
        return []
    rows = _rows(
        store,
        "SELECT group_id, size, risk, members, evidence FROM account_groups "
        "WHERE run_id = ? ORDER BY risk DESC, size DESC",
        [run_id],
    )
    return [Group(g, int(n), float(r), json.loads(m), json.loads(e)) for g, n, r, m, e in rows]


def group_links(store: Store, members: list[str]) -> list[GroupLink]:
    """The networks and prompt templates that at least two of ``members`` share."""
    rows = _rows(
        store,
        "WITH l AS ("
        " SELECT DISTINCT account, 'network' AS kind, ip_net AS node FROM events"
        " WHERE account IN (SELECT unnest(?::VARCHAR[])) AND ip_net IS NOT NULL"
        " UNION SELECT DISTINCT account, 'template', template_hash FROM events"
        " WHERE account IN (SELECT unnest(?::VARCHAR[])) AND template_hash IS NOT NULL)"
        " SELECT account, kind, node FROM l WHERE node IN"
        " (SELECT node FROM l GROUP BY node HAVING count(DISTINCT account) > 1)"
        " ORDER BY kind, node, account",
        [members, members],
    )
    return [GroupLink(a, k, n) for a, k, n in rows]


def _latest_id(store: Store) -> str | None:
    run = latest_run(store)
    return run.run_id if run else None


def _rows(store: Store, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    with store.read() as con:
        return con.execute(sql, params).fetchall()


@dataclass(frozen=True)
class RunScore:
    """An account's place in one detection run."""

    run_id: str
    finished_at: datetime
    score: float
    signals: list[str]  # the policy signals that fired


@dataclass(frozen=True)
class AccountHistory:
    account: str
    first_seen: datetime | None
    last_seen: datetime | None
    requests: int
    weekly: list[ActivityHour]
    runs: list[RunScore]  # newest first


def account_history(store: Store, account: str, runs: int = 20) -> AccountHistory:
    """First and last request, volume by week, and the account's score and policy
    signals in its latest ``runs`` detection runs."""
    span = _rows(
        store, "SELECT min(ts), max(ts), count(*) FROM events WHERE account = ?", [account]
    )
    first, last, n = span[0] if span else (None, None, 0)
    scored = _rows(
        store,
        "SELECT s.run_id, r.finished_at, s.score, s.signals FROM account_scores s "
        "JOIN detection_runs r USING (run_id) WHERE s.account = ? "
        "ORDER BY r.finished_at DESC LIMIT ?",
        [account, runs],
    )
    not_policy = {"group", "anomaly", "anomaly_quantile"}
    return AccountHistory(
        account,
        first,
        last,
        int(n or 0),
        activity(store, [account], bucket="week") if n else [],
        [
            RunScore(
                rid,
                fin,
                float(sc),
                sorted(k for k, v in json.loads(sig or "{}").items() if k not in not_policy and v),
            )
            for rid, fin, sc, sig in scored
        ],
    )


def member_scores(
    store: Store, members: list[str], run_id: str | None = None
) -> list[AccountScore]:
    """The scores of ``members`` in a run (default: the latest), riskiest first."""
    run_id = run_id or _latest_id(store)
    if run_id is None:
        return []
    rows = _rows(
        store,
        "SELECT account, score, cluster, group_id, reasons, signals, x, y FROM account_scores "
        "WHERE run_id = ? AND account IN (SELECT unnest(?::VARCHAR[])) ORDER BY score DESC",
        [run_id, members],
    )
    return [
        AccountScore(a, s, c, g, json.loads(r or "[]"), json.loads(sig or "{}"), x, y)
        for a, s, c, g, r, sig, x, y in rows
    ]
