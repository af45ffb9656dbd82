"""Dashboard page render times (Streamlit AppTest, server-side script run): the Queue
page with 10k open cases and the Case page of an account with 100k events.

    .venv/bin/python benchmarks/bench_dashboard.py [--cases 10000] [--events 100000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from redaction.keyring import Keyring, Unlock
from warden.store import Store

APP = Path(__file__).resolve().parents[1] / "app" / "views"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=10_000)
    ap.add_argument("--events", type=int, default=100_000)
    args = ap.parse_args()
    home = Path(tempfile.mkdtemp(prefix="warden-dash-"))
    (home / "warden.toml").write_text('[enforcement.roles]\nalice = "analyst"\n')
    Keyring.create(home, Unlock(passphrase="bench"))
    store = Store(home / "warden.duckdb")
    store.migrate()
    big = "ac_v1_" + "b" * 32
    with store.write() as con:
        con.execute(f"""INSERT INTO cases (case_id, kind, subject, members, state, severity, risk,
            held, opened_at, updated_at, due_at)
            SELECT 'C' || lpad(i::VARCHAR, 6, '0'), 'account',
                CASE WHEN i = 0 THEN '{big}' ELSE 'ac_v1_' || lpad(i::VARCHAR, 32, '0') END,
                CASE WHEN i = 0 THEN '["{big}"]' ELSE '["ac_v1_' || lpad(i::VARCHAR, 32, '0') || '"]' END,
                'open', ['low','medium','high','critical'][(1 + i % 4)::BIGINT], (i % 1000) / 1000.0,
                false, now() - to_hours((i % 200)::BIGINT), now(), now() + INTERVAL 1 DAY
            FROM range({args.cases}) t(i)""")
        con.execute(
            "INSERT INTO case_evidence SELECT case_id, 0, now(), 'bench', risk, "
            "'[\"reason\"]' FROM cases"
        )
        con.execute(f"""INSERT INTO events (request_id, ts, account, endpoint, flagged, refusal,
            jailbreak_hits, messages, key_version, source_hash, ingested_at)
            SELECT 'r' || i, TIMESTAMPTZ '2026-10-01' + to_seconds(i * 25), '{big}',
                '/v1/chat/completions', i % 17 = 0, false, 0,
                '[{{"role": "user", "content": "redacted prompt <PERSON> ' || i || '"}}]', 1, 'b', now()
            FROM range({args.events}) t(i)""")
    os.environ.update(WARDEN_HOME=str(home), WARDEN_PASSPHRASE="bench", WARDEN_DEV_USER="alice")

    def timed(page: str, case: str | None = None) -> list[float]:
        times = []
        for _ in range(3):  # the first is cold: query results are cached for 5 s
            at = AppTest.from_file(str(APP / f"{page}.py"), default_timeout=120)
            if case:
                at.session_state["case_id"] = case
            t0 = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - t0)
            assert not at.exception, [e.value for e in at.exception]
        return times

    q = timed("queue")
    c = timed("case", "C000000")
    print(
        f"Queue page, {args.cases:,} open cases: first render {q[0]:.2f}s, then "
        f"{statistics.median(q[1:]):.2f}s (target 1.5 s)"
    )
    print(
        f"Case page, account with {args.events:,} events: first render {c[0]:.2f}s, then "
        f"{statistics.median(c[1:]):.2f}s (target 1.5 s)"
    )


if __name__ == "__main__":
    main()
