"""An anomaly score that adapts to the data it is given.

Two detectors, both free of constants about what abuse looks like, on every feature
the run has (:func:`investigate.features.available`), each against the account's
**peers**: the accounts that use the API the same way (the same main endpoint: chat,
embeddings or moderation). An embedding pipeline is compared with embedding pipelines,
a moderation customer with moderation customers, a chat account with chat accounts; a
usage with fewer than ``MIN_PEERS`` accounts is compared with everyone.

- **tail probabilities** (in the style of ECOD, Li et al. 2022): for each feature, how
  rare the account's value is in its peers' empirical distribution, in whichever tail
  it lies; the account's value is the sum over features of ``-log`` of those two-sided
  tail probabilities. The per-feature terms are also the explanation.
- an **isolation forest** per peer group on the same features (log where heavy-tailed,
  robust-scaled).

Measured on the generator's variants (benchmarks/bench_detection.py), peers from the
HDBSCAN clusters hid abusers, who cluster with each other (a spam farm is its own
cluster and looks ordinary there), and GLOSH ranked abusers no better than chance; so
clusters serve the map and the dashboard, not the score.

The detectors are combined by rank: each becomes a quantile in (0, 1] over all
accounts, and the anomaly quantile ``q`` is their mean. ``q`` is then mapped to
``a = 0.5 ** ((1 - q) / share)``, where ``share`` (``detection.anomaly_share``) is the
share of accounts whose anomaly alone reaches 0.5: an account at the top gets 1, one at
``1 - share`` gets 0.5. Below the tail the value is at least ``0.05 * q``, so that the
ordinary accounts keep their order (the median one gets 0.025): every account gets a
graded value, and only accounts with identical features tie.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.ensemble import IsolationForest

from investigate.features import MIN_PEERS, USAGE

# Below the anomalous tail an account keeps its rank: its value is at least this x q.
_FLOOR = 0.05


@dataclass
class Anomaly:
    quantile: np.ndarray  # (n,) combined rank quantile in (0, 1]
    value: np.ndarray  # (n,) see the module doc
    contributions: np.ndarray  # (n, d) -log two-sided tail probability per feature
    peer_median: np.ndarray  # (n, d) median of each feature among the account's peers
    detectors: dict[str, np.ndarray]  # each detector's quantile
    peers: dict[str, int]  # peer group -> accounts


def usage_peers(x: np.ndarray, names: list[str]) -> tuple[np.ndarray, list[str]]:
    """Each account's peer group (index into the returned names): its main endpoint."""
    cols = [names.index(u) for u in USAGE if u in names]
    if not cols:
        return np.zeros(len(x), dtype=int), ["everyone"]
    shares = x[:, cols]
    main = np.argmax(shares, axis=1)
    labels = [USAGE[i].removesuffix("_share") for i in range(len(cols))] + ["other"]
    main = np.where(shares.max(axis=1) > 0, main, len(cols))
    return main.astype(int), labels


def _tail_terms(x: np.ndarray) -> np.ndarray:
    """-log of the two-sided empirical tail probability of every value, per column."""
    n, d = x.shape
    out = np.zeros((n, d))
    for j in range(d):
        col = x[:, j]
        order = np.sort(col)
        le = np.searchsorted(order, col, side="right") / n  # P(X <= x)
        ge = (n - np.searchsorted(order, col, side="left")) / n  # P(X >= x)
        out[:, j] = -np.log(np.clip(np.minimum(le, ge), 1.0 / n, 1.0))
    return out


def _quantile(score: np.ndarray) -> np.ndarray:
    """Rank quantile in (0, 1] (ties share their average rank)."""
    n = len(score)
    order = np.argsort(score, kind="stable")
    ranks = np.empty(n)
    ranks[order] = np.arange(1, n + 1)
    # average ranks over ties
    uniq, inverse, counts = np.unique(score, return_inverse=True, return_counts=True)
    if len(uniq) < n:
        sums = np.bincount(inverse, weights=ranks)
        ranks = (sums / counts)[inverse]
    return np.asarray(ranks / n)


def _tie_key(*keys: np.ndarray) -> np.ndarray:
    """One number per row that orders rows by ``keys`` (first key first), equal only for
    rows equal on every key."""
    order = np.lexsort(keys[::-1])
    changed = np.zeros(len(order), dtype=bool)
    for k in keys:
        ks = k[order]
        changed[1:] |= ks[1:] != ks[:-1]
    rank = np.empty(len(order))
    rank[order] = np.cumsum(changed)
    return rank


def _forest(z: np.ndarray, seed: int) -> np.ndarray:
    if len(z) < 2:
        return np.zeros(len(z))
    forest = IsolationForest(n_estimators=100, max_samples=min(256, len(z)), random_state=seed)
    return np.asarray(-forest.fit(z).score_samples(z))


def score(
    x: np.ndarray,
    scaled: np.ndarray,
    names: list[str],
    *,
    share: float,
    seed: int,
) -> Anomaly:
    """Anomaly of every row of ``x`` (accounts x available features, raw values; tail
    probabilities do not depend on scale). ``scaled`` is the same matrix prepared for
    distances (log where heavy-tailed, robust-scaled) for the isolation forest."""
    n, d = x.shape
    groups, labels = usage_peers(x, names)
    small = np.isin(groups, [g for g in range(len(labels)) if (groups == g).sum() < MIN_PEERS])
    contributions = np.zeros((n, d))
    peer_median = np.zeros((n, d))
    iso = np.zeros(n)
    parts = [np.flatnonzero(groups == g) for g in range(len(labels))]
    parts = [idx for idx in parts if len(idx) >= MIN_PEERS]
    if small.any():
        parts.append(np.flatnonzero(small))  # compared with everyone
    counts: dict[str, int] = {}
    for idx in parts:
        ref = np.arange(n) if small[idx[0]] else idx
        if small[idx[0]]:
            terms = _tail_terms(x)[idx]
            iso[idx] = _forest(scaled, seed)[idx]
            counts["everyone (too few peers)"] = len(idx)
        else:
            terms = _tail_terms(x[idx])
            iso[idx] = _forest(scaled[idx], seed)
            counts[labels[int(groups[idx[0]])]] = len(idx)
        contributions[idx] = terms
        peer_median[idx] = np.median(x[ref], axis=0)
    tails = contributions.sum(axis=1)
    detectors = {"tails": _quantile(tails), "isolation_forest": _quantile(iso)}
    mean = np.mean(np.vstack(list(detectors.values())), axis=0)
    # ranked again, ties of the mean broken by the tails then the forest, so that only
    # accounts equal on both detectors share a quantile
    q = _quantile(_tie_key(mean, tails, iso))
    value = np.maximum(np.power(0.5, (1.0 - q) / max(share, 1e-6)), _FLOOR * q)
    return Anomaly(q, value, contributions, peer_median, detectors, counts)
