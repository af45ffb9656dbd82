"""HDBSCAN over account features: populations of normal behaviour, GLOSH outlier
scores, cluster profiles, and a 2-D map.

Features are log-transformed where heavy-tailed, robust-scaled (median / IQR), and
reduced with PCA before clustering. Above ``fit_max`` accounts HDBSCAN is fitted on a
seeded sample and the rest are placed with ``approximate_predict`` and scored with
``approximate_predict_scores`` (same model, linear cost).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import hdbscan
import numpy as np
from hdbscan import prediction
from sklearn.decomposition import PCA

from investigate.features import HEAVY_TAILED


@dataclass
class Clustering:
    labels: np.ndarray  # -1 = noise
    outlier: np.ndarray  # GLOSH in [0, 1]
    embedding: np.ndarray  # (n, 2)
    scaled: np.ndarray
    profiles: dict[int, dict[str, Any]]
    params: dict[str, Any]


def prepare(matrix: np.ndarray, names: list[str]) -> np.ndarray:
    """Log where heavy-tailed, then robust scaling."""
    x = matrix.astype(np.float64).copy()
    for i, n in enumerate(names):
        if n in HEAVY_TAILED:
            x[:, i] = np.log1p(np.clip(x[:, i], 0, None))
    med = np.median(x, axis=0)
    iqr = np.percentile(x, 75, axis=0) - np.percentile(x, 25, axis=0)
    spread = np.where(iqr > 1e-9, iqr, np.std(x, axis=0) + 1e-9)
    return np.clip((x - med) / spread, -50, 50)


def cluster(
    matrix: np.ndarray,
    names: list[str],
    *,
    min_cluster_size: int = 5,
    seed: int = 7,
    fit_max: int = 30_000,
    dims: int = 8,
) -> Clustering:
    n = matrix.shape[0]
    scaled = prepare(matrix, names)
    k = max(1, min(dims, scaled.shape[1], n))
    pca = PCA(n_components=k, random_state=seed)
    z = pca.fit_transform(scaled) if n > 1 else np.zeros((n, k))
    emb = z[:, :2] if z.shape[1] >= 2 else np.hstack([z, np.zeros((n, 2 - z.shape[1]))])
    labels = np.full(n, -1)
    outlier = np.zeros(n)
    profiles: dict[int, dict[str, Any]] = {}
    if n >= max(2 * min_cluster_size, 10):
        rng = np.random.default_rng(seed)
        fit_idx = np.sort(rng.choice(n, fit_max, replace=False)) if n > fit_max else np.arange(n)
        model = hdbscan.HDBSCAN(
            min_cluster_size=min_cluster_size,
            min_samples=min_cluster_size,
            prediction_data=n > fit_max,
            core_dist_n_jobs=1,
        )
        model.fit(z[fit_idx])
        if n > fit_max:
            labels, _ = prediction.approximate_predict(model, z)
            outlier = prediction.approximate_predict_scores(model, z)
        else:
            labels = model.labels_
            outlier = model.outlier_scores_
        outlier = np.nan_to_num(np.asarray(outlier, dtype=np.float64), nan=0.0)
        for c in sorted(set(int(v) for v in labels) - {-1}):
            idx = labels == c
            centre = z[idx].mean(axis=0)
            spread = float(np.sqrt(((z[idx] - centre) ** 2).sum(axis=1)).mean())
            profiles[c] = {
                "size": int(idx.sum()),
                "spread": round(spread, 4),
                "median": {
                    nm: round(float(np.median(matrix[idx, i])), 4) for i, nm in enumerate(names)
                },
            }
    params = {
        "min_cluster_size": min_cluster_size,
        "min_samples": min_cluster_size,
        "pca_dims": k,
        "fit_max": fit_max,
        "seed": seed,
        "hdbscan_version": _version("hdbscan"),
    }
    return Clustering(np.asarray(labels), outlier, emb, scaled, profiles, params)


def _version(pkg: str) -> str:
    from importlib.metadata import version

    return version(pkg)
