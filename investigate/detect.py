"""A detection run: features over the window, HDBSCAN, groups, anomaly, policy signals,
risk with reasons, persisted.

Risk per account, in [0, 1] (docs/detection.md):

    risk = 1 - (1 - policy) * (1 - group) * (1 - anomaly)

- ``policy``: the strongest policy signal that fires (``[[detection.signals]]``,
  :mod:`investigate.signals`): 0.5 at its thresholds, 0.95 at twice them, else 0 (never 1, so that
  anomaly and group still order the accounts a policy flags);
- ``group``: the risk of the account's coordinated group (:mod:`investigate.groups`):
  1 - 0.5 ** (kinds of link), with its members' policy signals;
- ``anomaly``: how unusual the account is among its peers (:mod:`investigate.anomaly`),
  graded for every account.

The reasons are the signals that fired, the group's links, and the features that made
the account unusual, each with its value and its peers' median.

Deterministic for a seed and the same events. Each run is stored with its id, window,
the features it had and those absent from the data, its parameters and the versions of
the code, the feature set and ``hdbscan`` (whose GLOSH scores changed in 0.8.42).
"""

from __future__ import annotations

import hashlib
import json
import math
import secrets
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import numpy as np
import pyarrow as pa

from investigate import anomaly as anomaly_mod
from investigate import cluster as clustering
from investigate import learn
from investigate import signals as signal_mod
from investigate.features import FEATURES, available, compute
from investigate.groups import Group, find_groups
from warden import __version__
from warden.config import Config
from warden.store import Store

FEATURE_SET_VERSION = hashlib.sha256(",".join(FEATURES).encode()).hexdigest()[:8]
# A feature explains an account's anomaly when its value is rarer than this among its
# peers (two-sided tail probability).
_EXPLAINS = 0.05


@dataclass
class ScoredAccount:
    account: str
    score: float
    signals: dict[str, float]
    reasons: list[str]
    cluster: int | None = None
    group: str | None = None
    outlier: float = 0.0
    x: float = 0.0
    y: float = 0.0
    policy: str | None = None  # the policy of its strongest signal: a suggestion


@dataclass
class RunResult:
    run_id: str
    window_start: datetime
    window_end: datetime
    scores: list[ScoredAccount]
    groups: list[tuple[Group, float]]
    seconds: float
    features: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    peers: dict[str, int] = field(default_factory=dict)
    signals: tuple[str, ...] = ()
    params: dict[str, object] = field(default_factory=dict)


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
    signal_mod.check(det.signals)
    start, end = window_of(store, det.window_days, until)
    with store.read() as con:
        have = available(con, start, end)
        table = compute(con, start, end)
        groups = find_groups(con, start, end)
    absent = tuple(f for f in FEATURES if f not in have)
    usable = signal_mod.usable(det.active_signals(), have)
    accounts = table.column("account").to_pylist()
    if not accounts:
        return RunResult("", start, end, [], [], time.perf_counter() - t0, have, absent)
    raw = np.nan_to_num(
        np.column_stack([table.column(f).to_numpy(zero_copy_only=False) for f in have])
    )
    names = list(have)
    cl = clustering.cluster(raw, names, min_cluster_size=det.min_cluster_size, seed=det.seed)
    an = anomaly_mod.score(
        raw, clustering.prepare(raw, names), names, share=det.anomaly_share, seed=det.seed
    )
    feats = [dict(zip(names, row, strict=True)) for row in raw.tolist()]
    fired = [signal_mod.evaluate(usable, f) for f in feats]
    policy = [max((x.strength for x in fs), default=0.0) for fs in fired]
    idx = {a: i for i, a in enumerate(accounts)}
    scored_groups: list[tuple[Group, float]] = []
    for g in groups:
        inside = [policy[idx[m]] for m in g.members if m in idx]
        behaviour = float(np.mean(inside)) if inside else 0.0
        scored_groups.append((g, round(1.0 - (1.0 - g.risk) * (1.0 - behaviour), 6)))
    member_of = {m: (g, r) for g, r in scored_groups for m in g.members}
    scores = []
    for i, a in enumerate(accounts):
        grp, g_risk = member_of.get(a, (None, 0.0))
        a_val = float(an.value[i])
        risk = 1.0 - (1.0 - policy[i]) * (1.0 - g_risk) * (1.0 - a_val)
        sig = {x.signal.name: round(x.strength, 4) for x in fired[i]}
        sig |= {
            "group": round(g_risk, 4),
            "anomaly": round(a_val, 4),
            "anomaly_quantile": round(float(an.quantile[i]), 4),
        }
        label = int(cl.labels[i])
        scores.append(
            ScoredAccount(
                account=a,
                score=round(risk, 6),
                signals=sig,
                reasons=_reasons(feats[i], fired[i], grp, an, i, names),
                cluster=label if label >= 0 else None,
                group=grp.group_id if grp else None,
                outlier=round(float(cl.outlier[i]), 4),
                x=float(cl.embedding[i, 0]),
                y=float(cl.embedding[i, 1]),
                policy=fired[i][0].signal.policy if fired[i] else None,
            )
        )
    model = learn.live(store)
    if model is not None:
        _with_model(scores, model, config.learning.weight, raw, names)
    scores.sort(key=lambda s: (-s.score, s.account))
    run_id = f"run-{started:%Y%m%dT%H%M%S}-{secrets.token_hex(3)}"
    result = RunResult(
        run_id,
        start,
        end,
        scores,
        scored_groups,
        time.perf_counter() - t0,
        have,
        absent,
        an.peers,
        tuple(f"{s.name}@v{s.version}" for s in usable),
        {"model": model.version if model else None},
    )
    if persist:
        _persist(store, config, result, table, cl, started)
    return result


def _with_model(
    scores: list[ScoredAccount],
    model: learn.ModelVersion,
    weight: float,
    raw: np.ndarray,
    names: list[str],
) -> None:
    """Live risk with a promoted model: the unsupervised risk and the model's probability
    blended, both kept in the signals and explained first among the reasons."""
    unsupervised = np.array([s.score for s in scores])
    parts = np.array([[s.score, s.signals["group"], s.signals["anomaly"]] for s in scores])
    x = np.column_stack([raw, parts])
    risk, prob, why = learn.combine(model, weight, x, [*names, *learn.RANKING], unsupervised)
    for i, s in enumerate(scores):
        s.signals |= {"unsupervised": round(s.score, 6), "model": round(float(prob[i]), 4)}
        s.score = round(float(risk[i]), 6)
        s.reasons = [why[i], *s.reasons][:5]


def _reasons(
    feats: dict[str, float],
    fired: list[signal_mod.Fired],
    group: Group | None,
    an: anomaly_mod.Anomaly,
    i: int,
    names: list[str],
) -> list[str]:
    out = [f.reason(feats) for f in fired]
    if group is not None:
        out.append(group.describe())
    contrib = an.contributions[i]
    values = np.array([feats[nm] for nm in names])
    # the rarest among its peers first; among equally rare, the farthest from their median
    far = np.abs(np.log((np.abs(values) + 1e-3) / (np.abs(an.peer_median[i]) + 1e-3)))
    order = np.lexsort((-far, -contrib))
    strong = [j for j in order if contrib[j] >= -math.log(_EXPLAINS)][:3]
    for j in strong:
        out.append(
            "unusual: " + signal_mod.compare(names[j], feats[names[j]], an.peer_median[i, j])
        )
    if not strong:
        out.append(
            f"nothing unusual: {an.quantile[i]:.0%} of accounts look less ordinary than this one"
            if an.quantile[i] < 0.5
            else "no single feature stands out among its peers"
        )
    return out[:5]


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
        "anomaly_share": det.anomaly_share,
        "features": list(r.features),
        "absent": list(r.absent),
        "peers": r.peers,
        "signals": list(r.signals),
        "model": r.params.get("model"),
        **cl.params,
    }
    versions = {
        "warden": __version__,
        "features": FEATURE_SET_VERSION,
        "hdbscan": cl.params["hdbscan_version"],
    }
    # absent features are stored as NULL, not as the zeros the SQL computes for them
    for f in r.absent:
        pos = table.schema.get_field_index(f)
        table = table.set_column(pos, f, pa.nulls(table.num_rows, pa.float64()))
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
                            "links": g.kinds,
                            "shared_networks": g.shared_networks,
                            "shared_templates": g.shared_templates,
                            "near_duplicate_pairs": g.near_duplicates,
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
