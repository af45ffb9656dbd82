"""Emerging patterns: what accounts ask, clustered by content across accounts, compared
with the window before (docs/patterns.md).

1. The redacted prompts of the window and of the window before it are read; each is
   folded (lower case, numbers and placeholders folded, punctuation dropped) and the
   identical folded texts counted once, with their counts.
2. A seeded sample of the distinct texts (``sample``) is embedded: character n-gram
   TF-IDF (3 to 5 characters within words, so any script works and no model is
   downloaded), reduced with truncated SVD and normalised, then clustered by HDBSCAN.
3. Every other distinct text is placed in the cluster whose centre it is closest to, if
   it is as close as that cluster's own members are (else it is noise): the cost is
   linear in the number of distinct texts.
4. Each pattern is reported with its size (prompts in the window), accounts, accounts
   new in the window, the size in the window before and so a trend (``new``: not seen
   before; ``growing``: at least 1.5 times; ``fading``: at most two thirds; else
   ``steady``), the share flagged by moderation and refused, the words that tell it
   apart (class-based TF-IDF), five redacted examples and its accounts' risk.
5. Sorted most urgent first: new, then growing, steady, fading; within each, by the
   number of new accounts, then of accounts, then size.

A pattern's id is a digest of its five most distinctive words, so the same pattern
found again by a later run keeps its id (and the name and mark an analyst gave it).
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import time
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Any

import duckdb
import numpy as np

from warden.errors import StateError
from warden.schema import PROMPT_SQL
from warden.store import Store

TRENDS = ("new", "growing", "steady", "fading")
_PLACEHOLDER = re.compile(r"<[A-Z_]+>|\b(?:ac|or|ak|em|ip|nw|ua)_v\d+_[0-9a-f]{32}\b")
_DIGITS = re.compile(r"\d+")
_NON_WORD = re.compile(r"[^\w]+")
_TERM = re.compile(r"(?u)\b[^\W\d_]{3,}\b")
STOP = frozenset(
    [
        "the",
        "and",
        "for",
        "with",
        "that",
        "this",
        "from",
        "your",
        "you",
        "are",
        "was",
        "were",
        "have",
        "has",
        "had",
        "not",
        "but",
        "can",
        "will",
        "what",
        "when",
        "where",
        "which",
        "who",
        "how",
        "all",
        "any",
        "about",
        "into",
        "out",
        "our",
        "their",
        "them",
        "they",
        "then",
        "than",
        "its",
        "his",
        "her",
        "she",
        "him",
        "would",
        "could",
        "should",
        "there",
        "here",
        "been",
        "being",
        "also",
        "just",
        "more",
        "most",
        "some",
        "such",
        "only",
        "other",
        "very",
        "over",
        "under",
        "after",
        "before",
        "please",
        "give",
        "write",
        "make",
        "tell",
        "like",
        "want",
        "need",
        "help",
        "using",
        "use",
        "one",
        "two",
    ]
)


@dataclass
class Pattern:
    pattern: str
    size: int
    accounts: int
    new_accounts: int
    previous: int
    trend: str
    flagged_share: float
    refused_share: float
    terms: list[str]
    examples: list[str]
    risk_mean: float | None
    risk_max: float | None
    members: list[str] = field(default_factory=list)  # account pseudonyms (window)
    name: str | None = None  # an analyst's name and mark, if given
    mark: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class PatternRun:
    window_start: datetime
    window_end: datetime
    prompts: int
    distinct: int
    sampled: int
    patterns: list[Pattern]
    seconds: float
    params: dict[str, Any] = field(default_factory=dict)


def fold(text: str) -> str:
    """The text as patterns compare it."""
    t = _PLACEHOLDER.sub(" ", text).lower()
    t = _DIGITS.sub("0", t)
    return " ".join(_NON_WORD.sub(" ", t).split())


def _trend(now: int, before: int) -> str:
    if before == 0:
        return "new"
    if now >= 1.5 * before:
        return "growing"
    if now * 1.5 <= before:
        return "fading"
    return "steady"


def _read(con: duckdb.DuckDBPyConnection, start: datetime, end: datetime) -> list[tuple[Any, ...]]:
    return con.execute(
        f"SELECT {PROMPT_SQL} AS text, account, ts >= ? AS now, coalesce(flagged, false), "
        "refusal FROM events WHERE ts >= ? AND ts < ? AND endpoint <> '/v1/embeddings' "
        f"AND {PROMPT_SQL} IS NOT NULL",
        [start + (end - start) / 2, start, end],
    ).fetchall()


def find(
    store: Store,
    *,
    window_days: int = 7,
    until: datetime | None = None,
    sample: int = 20_000,
    min_cluster_size: int = 8,
    seed: int = 7,
) -> PatternRun:
    """Patterns of the last ``window_days`` (ending at ``until``, else just after the
    latest event) against the ``window_days`` before; see the module doc."""
    from hdbscan import HDBSCAN
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    t0 = time.perf_counter()
    with store.read() as con:
        if until is None:
            row = con.execute("SELECT max(ts) FROM events").fetchone()
            until = (row[0] if row and row[0] else datetime.now().astimezone()) + timedelta(
                microseconds=1
            )
        start = until - timedelta(days=2 * window_days)
        rows = _read(con, start, until)
    wstart = until - timedelta(days=window_days)
    # distinct folded texts with what each stands for
    index: dict[str, int] = {}
    keys: list[str] = []
    row_key = np.empty(len(rows), dtype=np.int64)
    for i, r in enumerate(rows):
        k = fold(r[0])
        j = index.get(k)
        if j is None:
            j = index[k] = len(keys)
            keys.append(k)
        row_key[i] = j
    n = len(keys)
    if n < max(2, min_cluster_size):
        return PatternRun(wstart, until, len(rows), n, 0, [], time.perf_counter() - t0)
    counts = np.bincount(row_key, minlength=n)
    rng = random.Random(seed)
    if n > sample:  # the frequent texts are likely to be drawn: weighted without replacement
        order = sorted(range(n), key=lambda j: rng.random() ** (1.0 / counts[j]), reverse=True)
        fit_idx = np.array(sorted(order[:sample]))
    else:
        fit_idx = np.arange(n)
    vec = TfidfVectorizer(
        analyzer="char_wb",
        ngram_range=(3, 5),
        min_df=2,
        max_features=200_000,
        sublinear_tf=True,
        dtype=np.float32,
    )
    fit_texts = [keys[j] for j in fit_idx]
    x_fit = vec.fit_transform(fit_texts)
    dims = max(2, min(48, x_fit.shape[1] - 1, len(fit_idx) - 1))
    svd = TruncatedSVD(n_components=dims, random_state=seed)
    z_fit = normalize(svd.fit_transform(x_fit))
    labels_fit = HDBSCAN(min_cluster_size=min_cluster_size, min_samples=3).fit_predict(z_fit)
    label = np.full(n, -1)
    label[fit_idx] = labels_fit
    clusters = sorted(set(labels_fit.tolist()) - {-1})
    if clusters:
        centres = normalize(np.vstack([z_fit[labels_fit == c].mean(axis=0) for c in clusters]))
        floor = np.array(
            [float((z_fit[labels_fit == c] @ centres[i]).min()) for i, c in enumerate(clusters)]
        )
        rest = np.setdiff1d(np.arange(n), fit_idx)
        for lo in range(0, len(rest), 20_000):
            part = rest[lo : lo + 20_000]
            z = normalize(svd.transform(vec.transform([keys[j] for j in part])))
            sim = z @ centres.T
            best = sim.argmax(axis=1)
            ok = sim[np.arange(len(part)), best] >= floor[best]
            label[part] = np.where(ok, np.array(clusters)[best], -1)
    patterns = _describe(store, rows, row_key, label, keys, wstart, until)
    return PatternRun(
        wstart,
        until,
        len(rows),
        n,
        len(fit_idx),
        patterns,
        time.perf_counter() - t0,
        {
            "window_days": window_days,
            "sample": sample,
            "min_cluster_size": min_cluster_size,
            "seed": seed,
            "svd_dims": dims,
            "ngrams": "char_wb 3-5",
        },
    )


def _terms(keys: list[str], label: np.ndarray, counts: np.ndarray) -> dict[int, list[str]]:
    """Per cluster the words that tell it apart: class-based TF-IDF over folded texts."""
    per: dict[int, Counter[str]] = defaultdict(Counter)
    total: Counter[str] = Counter()
    for j, k in enumerate(keys):
        words = set(w for w in _TERM.findall(k) if w not in STOP)
        for w in words:
            total[w] += int(counts[j])
            if label[j] >= 0:
                per[int(label[j])][w] += int(counts[j])
    n_clusters = max(1, len(per))
    avg = sum(total.values()) / n_clusters
    out = {}
    for c, tf in per.items():
        size = sum(tf.values()) or 1
        scored = {w: (f / size) * np.log(1.0 + avg / total[w]) for w, f in tf.items() if f >= 2}
        out[c] = [w for w, _ in sorted(scored.items(), key=lambda p: (-p[1], p[0]))[:8]]
    return out


def _describe(
    store: Store,
    rows: list[tuple[Any, ...]],
    row_key: np.ndarray,
    label: np.ndarray,
    keys: list[str],
    wstart: datetime,
    until: datetime,
) -> list[Pattern]:
    now_counts = np.zeros(len(keys), dtype=np.int64)
    for i, r in enumerate(rows):
        if r[2]:
            now_counts[row_key[i]] += 1
    terms = _terms(keys, label, now_counts)
    stats: dict[int, dict[str, Any]] = defaultdict(
        lambda: {
            "now": 0,
            "before": 0,
            "flagged": 0,
            "refused": 0,
            "accounts": set(),
            "examples": Counter(),
        }
    )
    for i, r in enumerate(rows):
        c = int(label[row_key[i]])
        if c < 0:
            continue
        s = stats[c]
        if r[2]:
            s["now"] += 1
            s["flagged"] += bool(r[3])
            s["refused"] += bool(r[4])
            s["accounts"].add(r[1])
            s["examples"][r[0]] += 1
        else:
            s["before"] += 1
    members = sorted({a for s in stats.values() for a in s["accounts"]})
    first_seen, risk = _accounts(store, members)
    out = []
    for c, s in stats.items():
        accts = sorted(s["accounts"])
        risks = [risk[a] for a in accts if a in risk]
        words = terms.get(c, [])
        digest = hashlib.sha256(" ".join(sorted(words[:5])).encode()).hexdigest()[:10]
        out.append(
            Pattern(
                pattern=f"pat-{digest}",
                size=s["now"],
                accounts=len(accts),
                new_accounts=sum(1 for a in accts if first_seen.get(a, until) >= wstart),
                previous=s["before"],
                trend=_trend(s["now"], s["before"]),
                flagged_share=round(s["flagged"] / s["now"], 4) if s["now"] else 0.0,
                refused_share=round(s["refused"] / s["now"], 4) if s["now"] else 0.0,
                terms=words,
                examples=[t for t, _ in s["examples"].most_common(5)],
                risk_mean=round(float(np.mean(risks)), 4) if risks else None,
                risk_max=round(float(np.max(risks)), 4) if risks else None,
                members=accts,
            )
        )
    order = {t: i for i, t in enumerate(TRENDS)}
    out.sort(key=lambda p: (order[p.trend], -p.new_accounts, -p.accounts, -p.size, p.pattern))
    seen: Counter[str] = Counter()
    for p in out:  # two patterns with the same distinctive words: the second gets "-2"
        seen[p.pattern] += 1
        if seen[p.pattern] > 1:
            p.pattern = f"{p.pattern}-{seen[p.pattern]}"
    return out


def _accounts(store: Store, accounts: list[str]) -> tuple[dict[str, datetime], dict[str, float]]:
    """First request ever and the latest run's risk of each account."""
    if not accounts:
        return {}, {}
    with store.read() as con:
        first = dict(
            con.execute(
                "SELECT account, min(ts) FROM events WHERE account IN "
                "(SELECT unnest(?::VARCHAR[])) GROUP BY account",
                [accounts],
            ).fetchall()
        )
        risk = dict(
            con.execute(
                "SELECT account, score FROM account_scores WHERE run_id = (SELECT run_id FROM "
                "detection_runs ORDER BY started_at DESC LIMIT 1) AND account IN "
                "(SELECT unnest(?::VARCHAR[]))",
                [accounts],
            ).fetchall()
        )
    return first, risk


# -- persisted runs, names and marks --------------------------------------------------


def save(con: duckdb.DuckDBPyConnection, run: PatternRun, run_id: str, now: datetime) -> None:
    """Keep a run's patterns (for the dashboard, and for drafting policies from them)."""
    for rank, p in enumerate(run.patterns):
        con.execute(
            "INSERT INTO patterns VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                f"{run_id}:{rank}",
                run_id,
                rank,
                p.pattern,
                now,
                run.window_start,
                run.window_end,
                json.dumps(p.to_dict(), default=str),
            ],
        )


def latest(store: Store) -> tuple[str | None, list[Pattern]]:
    """The latest saved run's patterns, most urgent first, with their names and marks."""
    with store.read() as con:
        row = con.execute(
            "SELECT run_id FROM patterns ORDER BY found_at DESC, run_id DESC LIMIT 1"
        ).fetchone()
        if row is None:
            return None, []
        rows = con.execute(
            "SELECT p.body, m.name, m.mark FROM patterns p LEFT JOIN pattern_marks m "
            "USING (pattern) WHERE p.run_id = ? ORDER BY p.rank",
            [row[0]],
        ).fetchall()
    out = []
    for body, name, mark in rows:
        p = Pattern(**json.loads(body))
        p.name, p.mark = name, mark
        out.append(p)
    return str(row[0]), out


def get(store: Store, pattern: str) -> Pattern:
    """A pattern as the latest run that found it saw it."""
    with store.read() as con:
        row = con.execute(
            "SELECT p.body, m.name, m.mark FROM patterns p LEFT JOIN pattern_marks m "
            "USING (pattern) WHERE p.pattern = ? ORDER BY p.found_at DESC LIMIT 1",
            [pattern],
        ).fetchone()
    if row is None:
        raise StateError(f"no pattern {pattern}; `warden patterns` lists them")
    p = Pattern(**json.loads(row[0]))
    p.name, p.mark = row[1], row[2]
    return p


MARKS = ("benign", "abusive", "unclear")


def mark(
    con: duckdb.DuckDBPyConnection, pattern: str, name: str, label: str, actor: str, now: datetime
) -> None:
    """Name a pattern and mark it benign, abusive or unclear (the caller audits)."""
    if label not in MARKS:
        raise StateError(f"mark a pattern {', '.join(MARKS)}, not {label!r}")
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{1,47}", name):
        raise StateError("name a pattern with lower-case letters, digits and '-' (2-48)")
    if not con.execute("SELECT 1 FROM patterns WHERE pattern = ?", [pattern]).fetchone():
        raise StateError(f"no pattern {pattern}; `warden patterns` lists them")
    con.execute(
        "INSERT OR REPLACE INTO pattern_marks VALUES (?, ?, ?, ?, ?)",
        [pattern, name, label, actor, now],
    )
