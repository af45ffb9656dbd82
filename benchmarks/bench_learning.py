"""Learning from decisions on the generator: a simulated analyst decides N accounts
(the open queue, then a random draw) through the same calls as the dashboard; the model
is trained on the older decisions and its average precision on the newer ones is printed
beside the unsupervised ranking's and chance. Then the same after the model goes live:
a second sweep with exploration, and the training-set export's counts and timing.

The generator is the project's own (development data): these figures find bugs and show
the loop works end to end; they are not evidence about real traffic. Each variant is a
log the ranking was not tuned on only in the sense that its seed differs.

    python benchmarks/bench_learning.py [--accounts 400] [--decide 200] [--variant wide]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app import flywheel
from app.demo import analyst, generate
from app.sweep import sweep
from enforcement.desk import Desk
from warden.config import load_config
from warden.keys.keyring import Keyring, Unlock
from warden.store import Store

ROLES = '[enforcement.roles]\nana = "analyst"\nlee = "lead"\nlou = "lead"\n'


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--accounts", type=int, default=400)
    ap.add_argument("--decide", type=int, default=200)
    ap.add_argument("--seed", type=int, default=23)
    ap.add_argument("--variant", action="append", help="generator variants [full, wide]")
    args = ap.parse_args()
    print(
        "data: the project's generator (development data, seed "
        f"{args.seed}); decisions simulated from its ground truth"
    )
    for variant in args.variant or ["full", "wide"]:
        with tempfile.TemporaryDirectory() as tmp:
            run(Path(tmp), variant, args.accounts, args.decide, args.seed)


def run(tmp: Path, variant: str, accounts: int, decide: int, seed: int) -> None:
    logs = tmp / "logs"
    generate(logs, accounts=accounts, seed=seed, variant=variant)
    home = tmp / "home"
    home.mkdir()
    (home / "warden.toml").write_text(ROLES)
    ring = Keyring.create(home, Unlock(passphrase="bench"))
    Store(home / "warden.duckdb").migrate()
    inbox = tmp / "inbox"
    inbox.mkdir()
    lines = (logs / "usage.jsonl").read_bytes().splitlines(keepends=True)
    cut = len(lines) * 4 // 5  # the log is in time order: the last fifth comes later
    _drop(inbox / "day1.jsonl", b"".join(lines[:cut]))
    cfg = load_config(home)
    t0 = time.perf_counter()
    first = sweep(cfg, ring, inbox=inbox)
    desk = Desk.open(cfg, ring)
    truth = analyst.truth_by_pseudonym(logs / "truth", ring)
    analyst.decide(desk, truth, decide, analyst="ana", lead="lee", seed=seed)
    t1 = time.perf_counter()
    model = flywheel.train_model(desk, "lee")
    t_train = time.perf_counter() - t1
    m = model.metrics
    print(
        f"\n[{variant}] {accounts} accounts, {first.records} events, sweep "
        f"{t1 - t0:.0f} s incl. {decide} simulated decisions"
    )
    print(
        f"  decided later ({model.n_test} accounts, {m['test_actioned']} actioned): "
        f"AP model {m['model_ap']:.3f} | unsupervised {m['unsupervised_ap']:.3f} | "
        f"chance {m['chance_ap']:.3f}; Brier {m['brier']:.3f}; trained on {model.n_train} "
        f"in {t_train:.1f} s; state {model.state}"
    )
    print(
        "  what it learned (strongest first): "
        + "; ".join(f"{name} {coef:+.2f}" for name, coef in model.importances()[:5])
    )
    if model.state != "candidate":
        return
    flywheel.request_promotion(desk, "lee", model.version)
    flywheel.decide_promotion(desk, "lou", model.version, True)
    _drop(inbox / "day2.jsonl", b"".join(lines[cut:]))
    second = sweep(cfg, ring, inbox=inbox)
    print(f"  after promotion: a sweep opened {second.cases_opened} cases (exploration included)")
    t2 = time.perf_counter()
    res = flywheel.export_training_set(desk, "lee", tmp / "export", "benchmark of the export")
    print(
        f"  export: {res.texts_read} texts read, {res.exact_duplicates} exact and "
        f"{res.near_duplicates} near duplicates removed; train {res.rows['train']} texts / "
        f"{res.accounts['train']} accounts, test {res.rows['test']} / {res.accounts['test']}; "
        f"{time.perf_counter() - t2:.1f} s"
    )


def _drop(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    os.utime(path, (time.time() - 600, time.time() - 600))  # settled


if __name__ == "__main__":
    main()
