"""Detection quality against the generator's ground truth, per generator variant, beside
simple baselines, and detection speed at 100k (and optionally 1M) accounts.

Data: the project's own generator (app/demo). It is where bugs are found, not evidence
of quality on real traffic; the variants exist to break constants fitted to the full log
(fields a gateway strips, rates drawn from wide ranges with hard negatives close to the
abusers, scripts that differ from people only in their timing).

Per variant: average precision (AP) of abusive accounts, recall of them in the top 2K
(K = number of abusive accounts), share of hard negatives (batch jobs, moderation
customers, multi-region teams, safety researchers) in the top 2K; the same for Warden
with every policy signal switched off (anomaly and groups), and for the anomaly value
alone; then AP of the automated accounts (distillation, spam farms, rings, timing
scripts) against people (the accounts that are not abusive, hard negatives included),
and against everyone else, from the anomaly alone and with signals off. Baselines from the same run, on
every feature Warden has for that variant: request volume, and an IsolationForest.

    .venv/bin/python benchmarks/bench_detection.py [--accounts 800] [--variant full ...]
        [--work DIR]   (keeps generated and ingested homes there for the next run)
    .venv/bin/python benchmarks/bench_detection.py --skip-quality --scale 100000 [--scale 1000000]
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import resource
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
from sklearn.ensemble import IsolationForest
from sklearn.metrics import average_precision_score

from app.demo import VARIANTS, generate
from investigate import detect
from investigate.features import available, compute
from redaction.ingest import Ingestor
from redaction.pseudonym import Pseudonymizer
from warden.config import Config, load_config
from warden.keys.keyring import Keyring, Unlock
from warden.store import Store

PW = "bench"


def _home(work: Path, variant: str, accounts: int, seed: int) -> tuple[Path, Path]:
    base = work / f"{variant}-{accounts}-{seed}"
    log, home = base / "log", base / "home"
    if (home / "warden.duckdb").exists() and (log / "truth" / "accounts.jsonl").exists():
        return home, log
    generate(log, accounts=accounts, seed=seed, variant=variant)
    home.mkdir(parents=True, exist_ok=True)
    ring = Keyring.create(home, Unlock(passphrase=PW))
    cfg = load_config(home, overrides={"redaction.processes": 2})
    store = Store(cfg.db_path)
    store.migrate()
    t0 = time.perf_counter()
    Ingestor(store, ring, cfg).ingest([log / "usage.jsonl"])
    print(f"  ({variant}: ingested in {time.perf_counter() - t0:.0f}s)")
    return home, log


def _metrics(y: np.ndarray, score: np.ndarray, hard: np.ndarray) -> str:
    k = int(y.sum())
    top = np.argsort(-score, kind="stable")[: 2 * k]
    ap = average_precision_score(y, score)
    return (
        f"AP {ap:5.3f}   recall@2K {y[top].sum() / k:5.3f}   "
        f"hard negatives in top 2K {np.mean(hard[top]):5.1%}"
    )


def quality(home: Path, log: Path, variant: str) -> dict[str, float]:
    ring = Keyring.open(home, Unlock(passphrase=PW))
    p = Pseudonymizer(ring.pseudonym_keys, ring.current_version)
    cfg = load_config(home)
    store = Store(cfg.db_path)
    t0 = time.perf_counter()
    r = detect.run(store, cfg, persist=False)
    secs = time.perf_counter() - t0
    off_cfg: Config = dataclasses.replace(
        cfg, detection=dataclasses.replace(cfg.detection, disabled_signals=("all",))
    )
    off = {s.account: s for s in detect.run(store, off_cfg, persist=False).scores}
    truth = {}
    for line in (log / "truth" / "accounts.jsonl").read_text().splitlines():
        a = json.loads(line)
        truth[p.pseudonym("account", a["account_id"])] = a
    ids = [s.account for s in r.scores]
    y = np.array([truth[a]["abusive"] for a in ids])
    hard = np.array([truth[a]["hard_negative"] for a in ids])
    auto = np.array([truth[a]["automated"] for a in ids])
    with store.read() as con:
        have = available(con, r.window_start, r.window_end)
        table = compute(con, r.window_start, r.window_end)
    order = {a: i for i, a in enumerate(table.column("account").to_pylist())}
    x = np.column_stack([table.column(f).to_numpy() for f in have])[[order[a] for a in ids]]
    x = np.nan_to_num(x.astype(float))
    print(
        f"{variant}: {len(ids)} accounts, {int(y.sum())} abusive ({int(auto.sum())} automated), "
        f"{len(r.groups)} groups; {len(have)} features, absent: {', '.join(r.absent) or '-'}; "
        f"peers: {r.peers}; detection {secs:.1f}s"
    )
    warden = np.array([s.score for s in r.scores])
    no_signals = np.array([off[a].score for a in ids])
    anomaly = np.array([off[a].signals["anomaly"] for a in ids])
    iso = IsolationForest(random_state=7, n_estimators=200).fit(x)
    rows = [
        ("warden", warden),
        ("warden, signals off", no_signals),
        ("warden, anomaly alone", anomaly),
        ("baseline: request volume", x[:, have.index("n_events")]),
        (f"baseline: IsolationForest, {len(have)}", -iso.score_samples(x)),
    ]
    for name, score in rows:
        print(f"  {name:32s} {_metrics(y, score, hard)}")
    people = ~y  # accounts that are not abusive, hard negatives included
    sub = auto | people
    ap_auto = average_precision_score(auto[sub], anomaly[sub])
    print(
        f"  automated vs people:             AP {ap_auto:5.3f} anomaly alone, "
        f"{average_precision_score(auto[sub], no_signals[sub]):5.3f} signals off "
        f"(anomaly and groups); against everyone else (other abusers too): "
        f"{average_precision_score(auto, anomaly):5.3f} / "
        f"{average_precision_score(auto, no_signals):5.3f}"
    )
    group_of = {s.account: s.group for s in r.scores}
    rings: dict[str, list[str]] = {}
    for a in ids:
        if truth[a]["ring"]:
            rings.setdefault(truth[a]["ring"], []).append(a)
    together = []
    for members in rings.values():
        pairs = list(itertools.combinations(members, 2))
        together.append(
            sum(group_of[a] is not None and group_of[a] == group_of[b] for a, b in pairs)
            / len(pairs)
        )
    if together:
        print(
            f"  rings: {len(together)}, member pairs in the same group: mean "
            f"{np.mean(together):.2f}, worst {min(together):.2f}"
        )
    k = int(y.sum())
    top = np.argsort(-warden, kind="stable")[: 2 * k]
    return {
        "ap": float(average_precision_score(y, warden)),
        "recall": float(y[top].sum() / k),
        "ap_auto": float(ap_auto),
    }


def scale(n_accounts: int, per_account: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="warden-scale-"))
    (work / "warden.toml").write_text("")
    cfg = load_config(work)
    store = Store(cfg.db_path)
    store.migrate()
    start = datetime(2026, 10, 1, tzinfo=UTC)
    n = n_accounts * per_account
    t0 = time.perf_counter()
    with store.write() as con:
        con.execute(
            f"""
            INSERT INTO events (request_id, ts, account, ip, ip_net, client, country, api_key,
                endpoint, model, prompt_tokens, completion_tokens, flagged, refusal,
                jailbreak_hits, template_hash, key_version, source_hash, ingested_at)
            SELECT 'r' || i, ?::TIMESTAMPTZ + to_seconds((hash(i) % 2592000)::BIGINT),
                'ac_v1_' || lpad((i // {per_account})::VARCHAR, 32, '0'),
                'ip' || (hash(i // {per_account}) % 5000000), 'nw' || (hash(i // {per_account} + 1) % 400000),
                CASE WHEN hash(i) % 10 = 0 THEN 'curl' ELSE 'OpenAI/Python' END,
                ['US','GB','DE','FR','IN'][(1 + hash(i // {per_account}) % 5)::BIGINT],
                'k' || (i // {per_account}), '/v1/chat/completions', 'gpt-4o',
                (10 + hash(i) % 200)::INT, (50 + hash(i + 7) % 900)::INT,
                hash(i) % 50 = 0, hash(i) % 40 = 0, (hash(i) % 60 = 0)::INT,
                't' || (hash(i) % 200000), 1, 'scale', now()
            FROM range({n}) t(i)""",
            [start],
        )
    build = time.perf_counter() - t0
    t0 = time.perf_counter()
    r = detect.run(store, cfg, until=start + timedelta(days=30))
    secs = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"scale: {n_accounts:,} accounts, {n:,} events (built in {build:.0f}s): features + "
        f"clustering + groups + scoring + persist {secs:.1f}s; peak RSS {peak:,.0f} MB "
        f"(target {'60 s' if n_accounts <= 100_000 else '10 min'})"
    )
    assert len(r.scores) == n_accounts


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--accounts", type=int, default=800)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--variant", action="append", choices=VARIANTS, default=[])
    ap.add_argument("--work", type=Path, default=None, help="keep generated homes here")
    ap.add_argument(
        "--scale",
        type=int,
        action="append",
        default=[],
        help="also time detection for this many accounts (repeatable)",
    )
    ap.add_argument("--skip-quality", action="store_true")
    args = ap.parse_args()
    if not args.skip_quality:
        work = args.work or Path(tempfile.mkdtemp(prefix="warden-det-"))
        print("data: the project's generator (development data, not a measurement of real traffic)")
        summary = {}
        for variant in args.variant or list(VARIANTS):
            home, log = _home(work, variant, args.accounts, args.seed)
            summary[variant] = quality(home, log, variant)
        print("summary (warden):")
        for v, m in summary.items():
            print(
                f"  {v:16s} AP {m['ap']:5.3f}  recall@2K {m['recall']:5.3f}  "
                f"automated vs people AP (anomaly alone) {m['ap_auto']:5.3f}"
            )
    for n in args.scale:
        scale(n, 10 if n <= 100_000 else 4)


if __name__ == "__main__":
    main()
