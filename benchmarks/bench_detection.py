"""Detection quality against the generator's ground truth, beside simple baselines,
and detection speed at 100k (and optionally 1M) accounts, in one run.

Quality: average precision (AP), recall of abusive accounts in the top 2K (K = number
of abusive accounts), share of hard negatives (batch jobs, moderation customers,
multi-region teams, safety researchers) in the top 2K, and how well each planted ring
stays in one group (pairwise: share of member pairs with the same group id). Baselines
from the same features: request volume, moderation-flag rate, IsolationForest on 12
plain features and on every feature Warden computes (the fair one).

    .venv/bin/python benchmarks/bench_detection.py [--accounts 800] [--home DIR --log DIR]
    .venv/bin/python benchmarks/bench_detection.py --scale 100000 [--scale 1000000]
"""

from __future__ import annotations

import argparse
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

from app.demo import generate
from investigate import detect
from investigate.features import FEATURES, compute
from redaction.ingest import Ingestor
from redaction.pseudonym import Pseudonymizer
from warden.config import load_config
from warden.keys.keyring import Keyring, Unlock
from warden.store import Store

PW = "bench"


def quality(home: Path, log: Path) -> None:
    ring = Keyring.open(home, Unlock(passphrase=PW))
    p = Pseudonymizer(ring.pseudonym_keys, ring.current_version)
    cfg = load_config(home)
    store = Store(cfg.db_path)
    t0 = time.perf_counter()
    r = detect.run(store, cfg, persist=False)
    secs = time.perf_counter() - t0
    truth = {}
    for line in (log / "truth" / "accounts.jsonl").read_text().splitlines():
        a = json.loads(line)
        truth[p.pseudonym("account", a["account_id"])] = a
    ids = [s.account for s in r.scores]
    y = np.array([truth[a]["abusive"] for a in ids])
    k = int(y.sum())
    with store.read() as con:
        table = compute(con, r.window_start, r.window_end)
    order = {a: i for i, a in enumerate(table.column("account").to_pylist())}
    x = np.column_stack([table.column(f).to_numpy() for f in FEATURES])[[order[a] for a in ids]]

    def report(name: str, score: np.ndarray) -> None:
        top = np.argsort(-score, kind="stable")[: 2 * k]
        ap = average_precision_score(y, score)
        rec = y[top].sum() / k
        hard = np.mean([truth[ids[i]]["hard_negative"] for i in top])
        print(
            f"{name:28s} AP {ap:5.3f}   recall@2K {rec:5.3f}   hard negatives in top 2K {hard:5.1%}"
        )

    print(f"{len(ids)} accounts, {k} abusive, {len(r.groups)} groups; detection {secs:.1f}s")
    report("warden", np.array([s.score for s in r.scores]))
    report("baseline: request volume", x[:, FEATURES.index("n_events")])
    report("baseline: flag rate", x[:, FEATURES.index("flag_rate")])
    plain = [
        FEATURES.index(f)
        for f in (
            "n_events",
            "active_days",
            "networks",
            "countries",
            "clients",
            "prompt_tokens",
            "completion_tokens",
            "flag_rate",
            "refusal_rate",
            "chat_share",
            "embeddings_share",
            "moderations_share",
        )
    ]
    iso = IsolationForest(random_state=7, n_estimators=200).fit(x[:, plain])
    report("baseline: IsolationForest, 12", -iso.score_samples(x[:, plain]))
    # every feature Warden computes (missing values as the column median)
    full = x.astype(float)
    med = np.nanmedian(full, axis=0)
    full = np.where(np.isnan(full), np.nan_to_num(med)[None, :], full)
    iso_all = IsolationForest(random_state=7, n_estimators=200).fit(full)
    report(f"baseline: IsolationForest, {len(FEATURES)}", -iso_all.score_samples(full))
    group_of = {s.account: s.group for s in r.scores}
    rings: dict[str, list[str]] = {}
    for a in ids:
        if truth[a]["ring"]:
            rings.setdefault(truth[a]["ring"], []).append(a)
    for name, members in sorted(rings.items()):
        pairs = list(itertools.combinations(members, 2))
        same = sum(group_of[a] is not None and group_of[a] == group_of[b] for a, b in pairs)
        print(
            f"  ring {name} ({truth[members[0]]['archetype']}, {len(members)} accounts): "
            f"pairwise same group {same / len(pairs):.2f}"
        )


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
    ap.add_argument("--home", type=Path, default=None, help="an ingested home (passphrase 'bench')")
    ap.add_argument("--log", type=Path, default=None, help="its generator output (for truth)")
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
        if args.home and args.log:
            home, log = args.home, args.log
        else:
            work = Path(tempfile.mkdtemp(prefix="warden-det-"))
            log = work / "log"
            generate(log, accounts=args.accounts, seed=args.seed)
            home = work / "home"
            home.mkdir()
            ring = Keyring.create(home, Unlock(passphrase=PW))
            cfg = load_config(home, overrides={"redaction.processes": 2})
            store = Store(cfg.db_path)
            store.migrate()
            t0 = time.perf_counter()
            Ingestor(store, ring, cfg).ingest([log / "usage.jsonl"])
            print(f"ingested the log in {time.perf_counter() - t0:.0f}s")
        quality(home, log)
    for n in args.scale:
        scale(n, 10 if n <= 100_000 else 4)


if __name__ == "__main__":
    main()
