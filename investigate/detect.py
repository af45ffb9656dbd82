"""A detection run: features over the window, HDBSCAN, groups, scores, persisted.

Deterministic for a seed and the same events. Each run is stored with its id, window,
parameters and the versions of the code, the feature set and ``hdbscan`` (whose GLOSH
scores changed in 0.8.42).
"""

from __future__ import annotations

import hashlib
import json
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import numpy as np
import pyarrow as pa

from investigate import cluster as clustering
from investigate.features import FEATURES, compute
from investigate.groups import Group, find_groups
from investigate.score import AccountScore, combine, group_risk, reasons_for, signals
from warden import __version__
from warden.config import Config
from warden.store import Store

FEATURE_SET_VERSION = hashlib.sha256(",".join(FEATURES).encode()).hexdigest()[:8]


@dataclass
class RunResult:
    run_id: str
    window_start: datetime
    window_end: datetime
    scores: list[AccountScore]
    groups: list[tuple[Group, float]]
    seconds: float


def window_of(store: Store, days: int, until: datetime | None = None) -> tuple[datetime, datetime]:
    """[end - days, end): end is ``until``, else just after the latest event."""
    if until is None:
        with store.read() as con:
            row = con.execute("SELECT max(ts) FROM events").fetchone()
        latest = row[0] if row and row[0] else datetime.now(UTC)
        until = latest + timedelta(microseconds=1)
    return until - timedelta(days=days), until


def run(
    store: Store, config: Config, *, until: datetime | None = None, persist: bool = True
) -> RunResult:
    """Score every account active in the window; persist the run unless told not to."""
    t0 = time.perf_counter()
    started = datetime.now(UTC)
    det = config.detection
    start, end = window_of(store, det.window_days, until)
    with store.read() as con:
        table = compute(con, start, end)
        groups = find_groups(con, start, end)
    accounts = table.column("account").to_pylist()
    if not accounts:
        return RunResult("", start, end, [], [], time.perf_counter() - t0)
    matrix = np.column_stack([table.column(f).to_numpy(zero_copy_only=False) for f in FEATURES])
    matrix = np.nan_to_num(matrix)
    cl = clustering.cluster(
        matrix, list(FEATURES), min_cluster_size=det.min_cluster_size, seed=det.seed
    )
    population = {f: float(np.median(matrix[:, i])) for i, f in enumerate(FEATURES)}
    member_of: dict[str, Group] = {m: g for g in groups for m in g.members}
    feats = [dict(zip(FEATURES, row, strict=True)) for row in matrix.tolist()]
    idx = {a: i for i, a in enumerate(accounts)}
    sigs = [signals(f, float(cl.outlier[i]), int(cl.labels[i]) >= 0) for i, f in enumerate(feats)]
    scored_groups: list[tuple[Group, float]] = []
    for g in groups:
        behaviour = [
            max(sigs[idx[m]]["jailbreak"], sigs[idx[m]]["harmful"]) for m in g.members if m in idx
        ]
        scored_groups.append((g, group_risk(g, float(np.mean(behaviour)) if behaviour else 0.0)))
    g_risk = {g.group_id: r for g, r in scored_groups}
    scores = []
    for i, a in enumerate(accounts):
        s = dict(sigs[i])
        grp = member_of.get(a)
        s["group"] = g_risk[grp.group_id] if grp else 0.0
        label = int(cl.labels[i])
        cm = cl.profiles.get(label, {}).get("median") if label >= 0 else None
        scores.append(
            AccountScore(
                account=a,
                score=combine(s),
                signals={k: round(v, 4) for k, v in s.items()},
                reasons=reasons_for(feats[i], s, grp, label, population, cm, float(cl.outlier[i])),
                cluster=label if label >= 0 else None,
                group=grp.group_id if grp else None,
                outlier=round(float(cl.outlier[i]), 4),
                x=float(cl.embedding[i, 0]),
                y=float(cl.embedding[i, 1]),
            )
        )
    scores.sort(key=lambda s: (-s.score, s.account))
    run_id = f"run-{started:%Y%m%dT%H%M%S}-{secrets.token_hex(3)}"
    result = RunResult(run_id, start, end, scores, scored_groups, time.perf_counter() - t0)
    if persist:
        _persist(store, config, result, table, cl, started)
    return result


def _persist(
    store: Store,
    config: Config,
    r: RunResult,
    table: pa.Table,
    cl: clustering.Clustering,
    started: datetime,
) -> None:
    det = config.detection
    params = {
        "window_days": det.window_days,
        "min_cluster_size": det.min_cluster_size,
        "seed": det.seed,
        **cl.params,
    }
    versions = {
        "warden": __version__,
        "features": FEATURE_SET_VERSION,
        "hdbscan": cl.params["hdbscan_version"],
    }
    feats = table.append_column("run_id", pa.array([r.run_id] * table.num_rows))
    scores = pa.table(
        {
            "run_id": [r.run_id] * len(r.scores),
            "account": [s.account for s in r.scores],
            "score": [s.score for s in r.scores],
            "cluster": [s.cluster for s in r.scores],
            "group_id": [s.group for s in r.scores],
            "outlier": [s.outlier for s in r.scores],
            "x": [s.x for s in r.scores],
            "y": [s.y for s in r.scores],
            "signals": [json.dumps(s.signals) for s in r.scores],
            "reasons": [json.dumps(s.reasons) for s in r.scores],
        }
    )
    with store.write() as con:
        con.execute(
            "INSERT INTO detection_runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                r.run_id,
                started,
                datetime.now(UTC),
                r.window_start,
                r.window_end,
                len(r.scores),
                len(r.groups),
                json.dumps(params),
                json.dumps(versions),
            ],
        )
        con.register("_f", feats)
        con.execute(
            f"INSERT INTO account_features (run_id, account, {', '.join(FEATURES)}) "
            f"SELECT run_id, account, {', '.join(FEATURES)} FROM _f"
        )
        con.unregister("_f")
        con.register("_s", scores)
        con.execute(
            "INSERT INTO account_scores SELECT run_id, account, score, cluster, group_id, "
            "outlier, x, y, signals, reasons FROM _s"
        )
        con.unregister("_s")
        for g, risk in r.groups:
            con.execute(
                "INSERT INTO account_groups VALUES (?, ?, ?, ?, ?, ?)",
                [
                    r.run_id,
                    g.group_id,
                    json.dumps(g.members),
                    len(g.members),
                    risk,
                    json.dumps(
                        {
                            "shared_networks": g.shared_networks,
                            "shared_templates": g.shared_templates,
                            "coactive_windows": g.coactive_windows,
                            "first_seen_spread_h": round(g.first_seen_spread_h, 2),
                        }
                    ),
                ],
            )
        for c, prof in cl.profiles.items():
            con.execute(
                "INSERT INTO clusters VALUES (?, ?, ?, ?, ?)",
                [r.run_id, c, prof["size"], prof["spread"], json.dumps(prof["median"])],
            )
