"""Pseudonyms per second on one core, per identifier kind (distinct values, no cache).

.venv/bin/python benchmarks/bench_pseudonym.py [--n 500000]
"""

from __future__ import annotations

import argparse
import os
import time

from redaction.pseudonym import Pseudonymizer


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=500_000)
    args = ap.parse_args()
    p = Pseudonymizer({1: os.urandom(32)}, 1)
    samples = {
        "email": [f"user.{i}@example{i % 97}.com" for i in range(args.n)],
        "account": [f"acct_{i:012x}" for i in range(args.n)],
        "ip": [f"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}" for i in range(args.n)],
    }
    for kind, values in samples.items():
        t0 = time.perf_counter()
        for v in values:
            p.pseudonym(kind, v)
        rate = args.n / (time.perf_counter() - t0)
        print(f"{kind:8s} {rate:12,.0f} pseudonyms/s (target 200,000/s)")


if __name__ == "__main__":
    main()
