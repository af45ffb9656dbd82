"""How long a write waits for the dashboard's readers: in the same process (a decision)
and in another (a sweep).

Pages are threads that each run like a dashboard page (a ``shared_reads`` block with ten
reads over about 0.3 s), then pause a random 0 to 2x the pause given; one writer (an
analyst's decision) writes every 2 s. Then, with ten such pages running, another process
writes three times, giving up after 10 s each. Prints how long the writes waited, for a
few loads. Data: an empty store of our own (speed only).

.venv/bin/python benchmarks/bench_store_locks.py [--seconds 30]
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from warden.store import WRITER_FIRST, Store

LOADS = [(2, 1.0), (5, 1.0), (10, 0.5)]  # (pages, think seconds)


def measure(path: Path, pages: int, think: float, seconds: float) -> tuple[int, list[float]]:
    stop = time.monotonic() + seconds
    waits: list[float] = []
    runs = [0] * pages

    def page(i: int) -> None:
        store, rnd = Store(path), random.Random(i)
        while time.monotonic() < stop:
            with store.shared_reads():
                for _ in range(10):
                    with store.read() as con:
                        con.execute("SELECT count(*) FROM t").fetchone()
                    time.sleep(0.03)
            runs[i] += 1
            time.sleep(rnd.uniform(0, 2 * think))

    def writer() -> None:
        store = Store(path)
        while time.monotonic() < stop:
            t0 = time.monotonic()
            with store.write() as con:
                waits.append(time.monotonic() - t0)
                con.execute("INSERT INTO t VALUES (1)")
            time.sleep(2)

    threads = [threading.Thread(target=page, args=(i,)) for i in range(pages)]
    threads.append(threading.Thread(target=writer))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(runs), waits


_OTHER = """
import sys, time
from warden.store import Store
store = Store(sys.argv[1], lock_timeout=10)
for _ in range(3):
    t0 = time.monotonic()
    try:
        with store.write() as con:
            con.execute("INSERT INTO t VALUES (2)")
        print(f"waited {time.monotonic() - t0:.2f} s")
    except Exception as exc:
        print(f"gave up after {time.monotonic() - t0:.0f} s ({type(exc).__name__})")
    time.sleep(1)
"""


def other_process(path: Path, pages: int, seconds: float = 30) -> list[str]:
    """Another process's writes while ``pages`` busy pages read here."""
    busy = threading.Thread(target=measure, args=(path, pages, 0.5, seconds))
    busy.start()
    time.sleep(2)
    done = subprocess.run(
        [sys.executable, "-c", _OTHER, str(path)], capture_output=True, text=True, check=True
    )
    busy.join()
    return done.stdout.split("\n")[:-1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=float, default=30.0)
    args = ap.parse_args()
    path = Path(tempfile.mkdtemp(prefix="warden-locks-")) / "warden.duckdb"
    store = Store(path)
    store.migrate()
    with store.write() as con:
        con.execute("CREATE TABLE t (x INTEGER)")
    print(f"a waiting writer holds new reads back for up to {WRITER_FIRST:g} s")
    for pages, think in LOADS:
        runs, waits = measure(path, pages, think, args.seconds)
        print(
            f"{pages:3d} pages, pause 0-{2 * think:g} s: {runs:5d} page runs; "
            f"{len(waits):3d} writes waited median {statistics.median(waits):.2f} s, "
            f"max {max(waits):.2f} s"
        )
    print(f"another process writing, 10 pages here: {'; '.join(other_process(path, 10))}")


if __name__ == "__main__":
    main()
