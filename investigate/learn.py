"""Learning from analysts' decisions: a ranking trained on the accounts they decided,
measured against the unsupervised one, kept in a registry in the store (docs/learning.md).

The model: L2 logistic regression over the detection features (each as
``sign(x) * log(1 + |x|)``, standardised), classes weighted to balance, then Platt
scaling fitted on cross-validated scores so that its output is a calibrated probability.
Its parameters are numbers in JSON (no pickle: loading a model runs no code), and its
coefficients are what it learned: which features raise or lower the risk.

Each decided account is one example (by account), with the features of the detection
run the analyst saw when deciding (the latest run started before the decision). The
examples are split by time: the model learns from the older decisions and is measured on
the newest ``learning.test_share``, beside the unsupervised risk of the same accounts
from the same runs. It may be promoted only when its average precision there is higher
by at least ``learning.min_gain``; the model that goes live is the one measured.

Live risk: ``(1 - weight) * unsupervised + weight * model``, and every account's reasons
say what each part contributed. While a model is live the sweep opens a share of its
cases from outside that ranking (:func:`explore`), so the model keeps seeing accounts it
would not pick and analysts' decisions on them correct it.

The registry's writes take an open transaction from the caller, which checks roles and
writes the audit entry in the same transaction (four eyes on promotion).
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa

from investigate.features import FEATURES
from investigate.signals import LABELS
from warden.config import Config, LearningConfig
from warden.errors import StateError
from warden.labels import Label
from warden.store import Store

KIND = "logistic"
# Besides the features, the model reads the unsupervised ranking's own parts, so that it
# starts from that ranking and learns where analysts disagree with it.
RANKING = ("unsupervised_risk", "group_risk", "anomaly")
INPUTS = (*FEATURES, *RANKING)
NAMES = {f: LABELS[f][0] for f in FEATURES} | {
    "unsupervised_risk": "the unsupervised risk",
    "group_risk": "its coordinated group's risk",
    "anomaly": "how unusual it is among its peers",
}
STATES = ("candidate", "refused", "pending", "live", "retired")


@dataclass(frozen=True)
class Examples:
    """Decided accounts with the features of the run the analyst saw, oldest first."""

    accounts: list[str]
    y: np.ndarray  # 1 actioned, 0 cleared
    x: np.ndarray  # accounts x INPUTS, raw values (absent features as 0)
    unsupervised: np.ndarray  # the unsupervised risk of the same run
    decided_at: list[datetime]
    runs: list[str]


@dataclass(frozen=True)
class ModelVersion:
    """One entry of the registry."""

    version: int
    created_at: datetime
    trained_by: str
    state: str
    decisions_from: datetime
    decisions_to: datetime
    tested_to: datetime
    n_train: int
    n_test: int
    metrics: dict[str, Any]
    params: dict[str, Any]
    reason: str
    requested_by: str | None = None
    promoted_by: str | None = None
    promoted_at: datetime | None = None
    retired_at: datetime | None = None

    @property
    def beats_unsupervised(self) -> bool:
        return bool(self.metrics.get("better"))

    def importances(self) -> list[tuple[str, float]]:
        """What it learned: (plain feature name, coefficient on the standardised
        feature), strongest first; positive raises the risk."""
        coef = self.params["coef"]
        pairs = [
            (NAMES.get(f, f), float(c)) for f, c in zip(self.params["features"], coef, strict=True)
        ]
        return sorted(pairs, key=lambda p: -abs(p[1]))


@dataclass
class Exploration:
    """Accounts a sweep adds to the queue from outside the live ranking."""

    unsupervised: list[str] = field(default_factory=list)
    random: list[str] = field(default_factory=list)


def _transform(x: np.ndarray) -> np.ndarray:
    out: np.ndarray = np.sign(x) * np.log1p(np.abs(x))
    return out


def _sigmoid(z: np.ndarray) -> np.ndarray:
    out: np.ndarray = 1.0 / (1.0 + np.exp(-np.clip(z, -50, 50)))
    return out


def examples(store: Store, labels: Sequence[Label]) -> Examples:
    """The decided accounts that detection has scored, each with the features of the
    latest run that started before its decision (else its earliest run)."""
    if not labels:
        return Examples([], np.zeros(0), np.zeros((0, len(INPUTS))), np.zeros(0), [], [])
    table = pa.table(
        {
            "account": [lb.account for lb in labels],
            "y": [int(lb.actioned) for lb in labels],
            "decided_at": pa.array([lb.decided_at for lb in labels], pa.timestamp("us", "UTC")),
        }
    )
    cols = ", ".join(f"f.{f}" for f in FEATURES)
    with store.read() as con:
        con.register("_labels", table)
        rows = con.execute(
            f"SELECT l.account, l.y, l.decided_at, f.run_id, {cols}, "
            "coalesce(TRY_CAST(json_extract_string(s.signals, '$.unsupervised') AS DOUBLE), "
            "s.score), TRY_CAST(json_extract_string(s.signals, '$.group') AS DOUBLE), "
            "TRY_CAST(json_extract_string(s.signals, '$.anomaly') AS DOUBLE) "
            "FROM _labels l JOIN account_features f ON f.account = l.account "
            "JOIN detection_runs r ON r.run_id = f.run_id "
            "JOIN account_scores s ON s.run_id = f.run_id AND s.account = f.account "
            "QUALIFY row_number() OVER (PARTITION BY l.account ORDER BY "
            "(r.started_at <= l.decided_at) DESC, "
            "CASE WHEN r.started_at <= l.decided_at THEN epoch(r.started_at) "
            "ELSE -epoch(r.started_at) END DESC, r.run_id) = 1 "
            "ORDER BY l.decided_at, l.account"
        ).fetchall()
        con.unregister("_labels")
    x = np.nan_to_num(np.array([[v if v is not None else 0.0 for v in r[4:]] for r in rows]))
    x = x.reshape(len(rows), len(INPUTS))
    return Examples(
        accounts=[r[0] for r in rows],
        y=np.array([r[1] for r in rows], dtype=int),
        x=x,
        unsupervised=x[:, len(FEATURES)].copy(),
        decided_at=[r[2] for r in rows],
        runs=[r[3] for r in rows],
    )


def _fit(x: np.ndarray, y: np.ndarray, seed: int) -> dict[str, Any]:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    t = _transform(x)
    center = t.mean(axis=0)
    scale = t.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = (t - center) / scale
    clf = LogisticRegression(C=1.0, class_weight="balanced", max_iter=5000)
    folds = int(min(5, np.bincount(y, minlength=2).min()))
    cv = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    held = cross_val_predict(clf, z, y, cv=cv, method="decision_function")
    platt = LogisticRegression(C=1e6, max_iter=5000).fit(held.reshape(-1, 1), y)
    clf.fit(z, y)
    return {
        "features": list(INPUTS),
        "center": center.round(9).tolist(),
        "scale": scale.round(9).tolist(),
        "coef": clf.coef_[0].round(9).tolist(),
        "intercept": round(float(clf.intercept_[0]), 9),
        "platt": [round(float(platt.coef_[0][0]), 9), round(float(platt.intercept_[0]), 9)],
    }


def _linear(params: dict[str, Any], x: np.ndarray, names: Sequence[str]) -> np.ndarray:
    """Each account's standardised features in the model's order (a feature the data
    lacks counts as the training mean) times the coefficients: per-feature terms."""
    feats = params["features"]
    pos = {n: i for i, n in enumerate(names)}
    z = np.zeros((x.shape[0], len(feats)))
    for j, f in enumerate(feats):
        if f in pos:
            z[:, j] = (_transform(x[:, pos[f]]) - params["center"][j]) / params["scale"][j]
    terms: np.ndarray = z * np.asarray(params["coef"])
    return terms


def predict(params: dict[str, Any], x: np.ndarray, names: Sequence[str]) -> np.ndarray:
    """Calibrated probability that an analyst would action each account."""
    terms = _linear(params, x, names)
    a, b = params["platt"]
    out: np.ndarray = _sigmoid(a * (terms.sum(axis=1) + params["intercept"]) + b)
    return out


def _average_precision(y: np.ndarray, score: np.ndarray) -> float:
    from sklearn.metrics import average_precision_score

    return float(average_precision_score(y, score))


def train(store: Store, config: Config, labels: Sequence[Label]) -> dict[str, Any]:
    """Fit and measure a model on the decided accounts; the registry row to store
    (without version), ``state`` ``candidate`` when it beats the unsupervised ranking,
    else ``refused`` with the reason. Raises :class:`StateError` when there are not
    enough decisions to learn from."""
    ln: LearningConfig = config.learning
    ex = examples(store, labels)
    n = len(ex.accounts)
    unscored = len({lb.account for lb in labels}) - n
    if n < ln.min_decisions:
        raise StateError(
            f"{n} decided accounts have detection features (learning.min_decisions is "
            f"{ln.min_decisions}); decide more cases before training"
            + (f" ({unscored} decided accounts were never scored)" if unscored else "")
        )
    cut = n - max(1, round(n * ln.test_share))
    y_train, y_test = ex.y[:cut], ex.y[cut:]
    for part, ys in (("older (training)", y_train), ("newest (test)", y_test)):
        counts = np.bincount(ys, minlength=2)
        if counts.min() < ln.min_per_class:
            raise StateError(
                f"the {part} decisions hold {counts[1]} actioned and {counts[0]} cleared "
                f"accounts; each kind needs at least {ln.min_per_class} "
                "(learning.min_per_class): decide more cases of the rarer kind"
            )
    params = _fit(ex.x[:cut], y_train, config.detection.seed)
    p_test = predict(params, ex.x[cut:], INPUTS)
    model_ap = _average_precision(y_test, p_test)
    unsup_ap = _average_precision(y_test, ex.unsupervised[cut:])
    better = model_ap >= unsup_ap + ln.min_gain
    brier = float(np.mean((p_test - y_test) ** 2))
    metrics = {
        "model_ap": round(model_ap, 4),
        "unsupervised_ap": round(unsup_ap, 4),
        "chance_ap": round(float(y_test.mean()), 4),
        "brier": round(brier, 4),
        "train_actioned": int(y_train.sum()),
        "train_cleared": int(len(y_train) - y_train.sum()),
        "test_actioned": int(y_test.sum()),
        "test_cleared": int(len(y_test) - y_test.sum()),
        "accounts_in_both": len(set(ex.accounts[:cut]) & set(ex.accounts[cut:])),
        "min_gain": ln.min_gain,
        "better": better,
    }
    reason = (
        f"average precision on the {len(y_test)} newest decisions: model {model_ap:.3f}, "
        f"unsupervised ranking {unsup_ap:.3f}, chance {y_test.mean():.3f}; "
        + (
            "it beats the unsupervised ranking and may be promoted"
            if better
            else f"it does not beat the unsupervised ranking by {ln.min_gain}, so it cannot "
            "be promoted"
        )
    )
    return {
        "kind": KIND,
        "state": "candidate" if better else "refused",
        "decisions_from": ex.decided_at[0],
        "decisions_to": ex.decided_at[cut - 1],
        "tested_to": ex.decided_at[-1],
        "n_train": cut,
        "n_test": n - cut,
        "metrics": metrics,
        "params": params,
        "reason": reason,
    }


# -- the registry -------------------------------------------------------------------

_COLUMNS = (
    "version, created_at, trained_by, state, decisions_from, decisions_to, tested_to, "
    "n_train, n_test, metrics, params, reason, requested_by, promoted_by, promoted_at, "
    "retired_at"
)


def _version(row: tuple[Any, ...]) -> ModelVersion:
    values = list(row)
    values[9] = json.loads(values[9])
    values[10] = json.loads(values[10])
    return ModelVersion(*values)


def versions(store: Store) -> list[ModelVersion]:
    """Every model in the registry, newest first."""
    with store.read() as con:
        rows = con.execute(f"SELECT {_COLUMNS} FROM models ORDER BY version DESC").fetchall()
    return [_version(r) for r in rows]


def live(store: Store) -> ModelVersion | None:
    """The model the ranking uses now, if any."""
    with store.read() as con:
        return live_in(con)


def live_in(con: duckdb.DuckDBPyConnection) -> ModelVersion | None:
    row = con.execute(f"SELECT {_COLUMNS} FROM models WHERE state = 'live'").fetchone()
    return _version(row) if row else None


def get_state(store: Store, version: int) -> str:
    """The registry state of one version."""
    with store.read() as con:
        return get(con, version).state


def get(con: duckdb.DuckDBPyConnection, version: int) -> ModelVersion:
    row = con.execute(f"SELECT {_COLUMNS} FROM models WHERE version = ?", [version]).fetchone()
    if row is None:
        raise StateError(f"no model version {version}; `warden model status` lists them")
    return _version(row)


def register(
    con: duckdb.DuckDBPyConnection, trained: dict[str, Any], actor: str, now: datetime
) -> int:
    """Store a trained model as the next version; returns it."""
    row = con.execute("SELECT coalesce(max(version), 0) + 1 FROM models").fetchone()
    version = int(row[0]) if row else 1
    con.execute(
        "INSERT INTO models (version, created_at, trained_by, kind, state, decisions_from, "
        "decisions_to, tested_to, n_train, n_test, metrics, params, reason) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            version,
            now,
            actor,
            trained["kind"],
            trained["state"],
            trained["decisions_from"],
            trained["decisions_to"],
            trained["tested_to"],
            trained["n_train"],
            trained["n_test"],
            json.dumps(trained["metrics"]),
            json.dumps(trained["params"]),
            trained["reason"],
        ],
    )
    return version


def request_promotion(con: duckdb.DuckDBPyConnection, version: int, actor: str) -> ModelVersion:
    """Ask for a candidate to go live; a second lead must approve."""
    m = get(con, version)
    if m.state == "refused":
        raise StateError(f"model {version} cannot be promoted: {m.reason}")
    if m.state != "candidate" and not (m.state == "retired" and m.promoted_at is not None):
        raise StateError(f"model {version} is {m.state}; only a candidate can be promoted")
    con.execute(
        "UPDATE models SET state = 'pending', requested_by = ? WHERE version = ?",
        [actor, version],
    )
    return m


def decide_promotion(
    con: duckdb.DuckDBPyConnection, version: int, approver: str, approved: bool, now: datetime
) -> ModelVersion | None:
    """Settle a pending promotion (the caller checked four eyes). Approved: the model
    goes live and the one live before is retired, which is returned."""
    m = get(con, version)
    if m.state != "pending":
        raise StateError(f"model {version} is {m.state}; no promotion of it is waiting")
    if not approved:
        back = "retired" if m.promoted_at is not None else "candidate"
        con.execute(
            "UPDATE models SET state = ?, requested_by = NULL WHERE version = ?", [back, version]
        )
        return None
    before = live_in(con)
    if before is not None:
        con.execute(
            "UPDATE models SET state = 'retired', retired_at = ? WHERE version = ?",
            [now, before.version],
        )
    con.execute(
        "UPDATE models SET state = 'live', promoted_by = ?, promoted_at = ?, retired_at = NULL "
        "WHERE version = ?",
        [approver, now, version],
    )
    return before


def rollback(con: duckdb.DuckDBPyConnection, now: datetime) -> tuple[int, int | None]:
    """Retire the live model and put back the one that was live before it (none: the
    unsupervised ranking alone). Returns (retired version, live version or None)."""
    current = live_in(con)
    if current is None:
        raise StateError("no model is live; the ranking is the unsupervised one already")
    con.execute(
        "UPDATE models SET state = 'retired', retired_at = ? WHERE version = ?",
        [now, current.version],
    )
    row = con.execute(
        "SELECT version FROM models WHERE state = 'retired' AND promoted_at IS NOT NULL "
        "AND version <> ? AND promoted_at < ? ORDER BY promoted_at DESC LIMIT 1",
        [current.version, current.promoted_at],
    ).fetchone()
    if row is None:
        return current.version, None
    con.execute(
        "UPDATE models SET state = 'live', retired_at = NULL WHERE version = ?", [int(row[0])]
    )
    return current.version, int(row[0])


# -- live risk ----------------------------------------------------------------------


def combine(
    model: ModelVersion,
    weight: float,
    x: np.ndarray,
    names: Sequence[str],
    unsupervised: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """(live risk, model probability, one reason per account saying what each part gave)."""
    p = predict(model.params, x, names)
    risk = (1.0 - weight) * unsupervised + weight * p
    terms = _linear(model.params, x, names)
    feats = model.params["features"]
    reasons = []
    for i in range(len(p)):
        order = np.argsort(-np.abs(terms[i]))[:2]
        leaning = ", ".join(
            f"{NAMES.get(feats[j], feats[j])} ({'raises' if terms[i, j] > 0 else 'lowers'})"
            for j in order
            if abs(terms[i, j]) > 0.05
        )
        reasons.append(
            f"learned from decisions (model {model.version}): {p[i]:.2f} x {weight:g} "
            f"+ unsupervised {unsupervised[i]:.2f} x {1 - weight:g} = {risk[i]:.2f}"
            + (f"; model leans on {leaning}" if leaning else "")
        )
    return risk, p, reasons


def explore(
    ranked: Sequence[tuple[str, float]],
    chosen: set[str],
    exclude: set[str],
    learning: LearningConfig,
    seed: str,
) -> Exploration:
    """Accounts to add to a sweep's queue while a model is live: of the queue then
    ``explore_unsupervised`` comes from the top of the unsupervised ranking (``ranked``:
    (account, unsupervised risk)) and ``explore_random`` uniformly at random from the
    other accounts, none of them ``chosen`` by the live ranking nor in ``exclude``
    (already open or decided). Deterministic for a seed."""
    share_u, share_r = learning.explore_unsupervised, learning.explore_random
    if not chosen or share_u + share_r <= 0:
        return Exploration()
    total = len(chosen) / (1.0 - share_u - share_r)
    want_u, want_r = math.ceil(total * share_u - 1e-9), math.ceil(total * share_r - 1e-9)
    pool = [(a, u) for a, u in ranked if a not in chosen and a not in exclude]
    top = [a for a, _ in sorted(pool, key=lambda p: (-p[1], p[0]))[:want_u]]
    rest = sorted(a for a, _ in pool if a not in set(top))
    drawn = random.Random(seed).sample(rest, min(want_r, len(rest)))
    return Exploration(unsupervised=top, random=sorted(drawn))
