"""Dashboard load times: the Queue page with 10k open cases and the Case page of an
account with 100k events (synthetic rows written straight into the store).

Two measures, both without the 5-second query-result cache:
- in a real browser (Chromium through Playwright) against a real `warden dashboard`
  server: from navigation start to the first animation frame in which the first table's
  canvas holds text, by the page's own clock (as browsers time their paints); "cold" is
  the first load after the server started, "warm" the median of the next loads, each
  made after the result cache expired, each in a fresh browser profile; then the same
  loads in one profile, as an analyst coming back to the tab (scripts and styles
  cached). Beside them, the same loads as the driver sees them (Playwright's poll for
  the table backs off up to half a second between looks, so those figures are higher);
- server side (Streamlit AppTest): one run of the page through the dashboard's entry
  point, cache cleared first.

Beside the browser figures, the floor: a one-line Streamlit app drawing a 20-row table,
timed the same way (what Streamlit's front end costs on this machine before any page of
Warden runs).

    .venv/bin/python benchmarks/bench_dashboard.py [--cases 10000] [--events 100000]
    .venv/bin/python benchmarks/bench_dashboard.py --home demo/home   # an existing home
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

from warden.keys.keyring import Keyring, Unlock
from warden.store import Store

APP = Path(__file__).resolve().parents[1] / "app" / "dashboard" / "views"


def _synthetic_home(cases: int, events: int) -> Path:
    """A home with ``cases`` open cases and one account of ``events`` events, written
    straight into the store."""
    home = Path(tempfile.mkdtemp(prefix="warden-dash-"))
    (home / "warden.toml").write_text('[enforcement.roles]\nalice = "analyst"\n')
    Keyring.create(home, Unlock(passphrase="bench"))
    store = Store(home / "warden.duckdb")
    store.migrate()
    big = "ac_v1_" + "b" * 32
    last = cases - 1
    with store.write() as con:
        con.execute(f"""INSERT INTO cases (case_id, kind, subject, members, state, severity, risk,
            held, opened_at, updated_at, due_at)
            SELECT 'C' || lpad(i::VARCHAR, 6, '0'), 'account',
                CASE WHEN i = {last} THEN '{big}' ELSE 'ac_v1_' || lpad(i::VARCHAR, 32, '0') END,
                CASE WHEN i = {last} THEN '["{big}"]' ELSE '["ac_v1_' || lpad(i::VARCHAR, 32, '0') || '"]' END,
                'open', ['low','medium','high','critical'][(1 + i % 4)::BIGINT], (i % 1000) / 1000.0,
                false, now() - to_hours((i % 200)::BIGINT), now(), now() + INTERVAL 1 DAY
            FROM range({cases}) t(i)""")
        con.execute(
            "INSERT INTO case_evidence SELECT case_id, 0, now(), 'bench', risk, "
            "'[\"reason\"]' FROM cases"
        )
        con.execute(f"""INSERT INTO events (request_id, ts, account, endpoint, flagged, refusal,
            jailbreak_hits, messages, key_version, source_hash, ingested_at)
            SELECT 'r' || i, TIMESTAMPTZ '2026-10-01' + to_seconds(i * 25), '{big}',
                '/v1/chat/completions', i % 17 = 0, false, 0,
                '[{{"role": "user", "content": "redacted prompt <PERSON> ' || i || '"}}]', 1, 'b', now()
            FROM range({events}) t(i)""")
    os.environ.update(WARDEN_HOME=str(home), WARDEN_PASSPHRASE="bench", WARDEN_DEV_USER="alice")
    return home


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=10_000)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--loads", type=int, default=5, help="page loads in the browser")
    ap.add_argument(
        "--home",
        type=Path,
        help="measure this existing home instead (e.g. demo/home after `make demo`; its "
        "passphrase from WARDEN_PASSPHRASE, else the demo's)",
    )
    ap.add_argument("--user", default="demo", help="the dashboard user with --home")
    args = ap.parse_args()
    if args.home:
        home, user = args.home.resolve(), args.user
        if not (home / "warden.duckdb").is_file():
            sys.exit(f"no Warden home at {home} (no warden.duckdb there): run `make demo` first")
        os.environ.setdefault("WARDEN_PASSPHRASE", "warden-demo")
        os.environ.update(WARDEN_HOME=str(home), WARDEN_DEV_USER=user)
        what = f"the home at {home}"
        big_case = None
    else:
        home, user = _synthetic_home(args.cases, args.events), "alice"
        what = f"{args.cases:,} open cases, an account with {args.events:,} events"
        big_case = f"C{args.cases - 1:06d}"  # the highest case id: the one the Case page opens on

    from app.dashboard.common import clear_cache

    def server_side(page: str, case: str | None = None) -> list[float]:
        """Seconds for one run of the page through the dashboard's entry point (as the
        server runs it: the page's reads on one connection), three times."""
        times = []
        for _ in range(3):
            at = AppTest.from_file(str(APP.parent / "main.py"), default_timeout=120)
            if case:
                at.session_state["case_id"] = case
            at.run()  # the entry point opens the Queue (and AppTest sets itself up)
            clear_cache()  # no result cache: every run queries the store
            t0 = time.perf_counter()
            if page == "queue":
                at.run()
            else:
                at.switch_page(f"views/{page}.py").run()
            times.append(time.perf_counter() - t0)
            assert not at.exception, [e.value for e in at.exception]
        return times

    q = server_side("queue")
    c = server_side("case", big_case)
    print("server side (AppTest, one run of the page, no result cache):")
    print(f"  ({what})")
    print(f"  Queue: first {q[0]:.2f}s, then {statistics.median(q[1:]):.2f}s")
    print(f"  Case: first {c[0]:.2f}s, then {statistics.median(c[1:]):.2f}s")
    browser(home, user, args.loads)


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def _serve(cmd: list[str]) -> tuple[subprocess.Popen[bytes], str]:
    """Start a Streamlit server (``cmd`` without its port); wait until it answers."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen([*cmd, str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=1):
                break
        except OSError:
            time.sleep(0.3)
    return proc, url


def _stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(15)
    except subprocess.TimeoutExpired:
        proc.kill()


# Runs in the page before its own scripts: every animation frame, look for the first
# dataframe's canvas and, once it is there, for dark pixels in it (text drawn, not an
# empty grid); record the time of that frame from the navigation's start.
_DRAWN = """
window.__drawn = null;
function __look() {
  const c = document.querySelector("[data-testid='stDataFrame'] canvas");
  if (c && c.width > 0 && c.height > 0) {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    for (let i = 0; i < d.length; i += 4) {
      if (d[i + 3] > 200 && d[i] + d[i + 1] + d[i + 2] < 300) {
        window.__drawn = performance.now();
        return;
      }
    }
  }
  requestAnimationFrame(__look);
}
requestAnimationFrame(__look);
"""


def _first_table(
    browser: Any, url: str, loads: int, cached: bool = False
) -> tuple[list[float], list[float]]:
    """Seconds from navigation to the first dataframe drawn, ``loads`` times: each in a
    fresh browser profile, or (``cached``) all in one, so that Streamlit's scripts and
    styles come from the browser's cache after the first load.

    Two clocks: the page's own (navigation start to the first animation frame in which
    the table's canvas holds text, the way a browser's paint timings are taken), and the
    driver's (``goto`` until Playwright's poll sees the canvas: it adds the poll's back-off
    of up to half a second, so it is the pessimistic figure)."""

    def profile() -> Any:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        context.add_init_script(_DRAWN)
        return context

    page_clock, driver = [], []
    shared = profile() if cached else None
    for i in range(loads):
        if i:
            time.sleep(5.5)  # past the result cache's 5 s
        context = shared or profile()
        page = context.new_page()
        t0 = time.perf_counter()
        page.goto(url)
        page.wait_for_selector(
            "[data-testid='stDataFrame'] canvas", state="visible", timeout=120_000
        )
        driver.append(time.perf_counter() - t0)
        page.wait_for_function("window.__drawn !== null", timeout=120_000)
        page_clock.append(page.evaluate("window.__drawn") / 1000)
        page.close()
        if shared is None:
            context.close()
    if shared is not None:
        shared.close()
    return page_clock, driver


def browser(home: Path, user: str, loads: int) -> None:
    """Time to the first drawn table in Chromium, cold and warm (see the module doc), and
    beside it the floor: a one-line Streamlit app that draws a 20-row table, nothing of
    Warden, timed the same way."""
    if not Path(CHROMIUM).exists():
        print("in a browser: skipped, chromium is not installed (apt-get install chromium)")
        return
    from playwright.sync_api import sync_playwright

    warden = [sys.executable, "-m", "warden", "--home", str(home), "dashboard"]
    proc, url = _serve([*warden, "--dev-user", user, "--port"])
    try:
        with sync_playwright() as p:
            b = p.chromium.launch(
                executable_path=CHROMIUM,
                headless=True,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            print(
                "in a browser (Chromium; from navigation start to the first frame with the "
                "table's text drawn, by the page's clock):"
            )
            for name, path in (("Queue", "/"), ("Case", "/case")):
                _report(
                    name,
                    *_first_table(b, url + path, loads),
                    *_first_table(b, url + path, loads, cached=True),
                )
            _stop(proc)
            app = home / "floor.py"
            app.write_text(
                "import streamlit as st\n"
                "st.dataframe({'a': list(range(20)), 'b': [str(i) for i in range(20)]})\n"
            )
            proc, url = _serve(
                [
                    sys.executable,
                    "-m",
                    "streamlit",
                    "run",
                    str(app),
                    "--server.headless",
                    "true",
                    "--browser.gatherUsageStats",
                    "false",
                    "--server.port",
                ]
            )
            _report(
                "the floor, a one-line Streamlit app with a 20-row table",
                *_first_table(b, url, loads),
                *_first_table(b, url, loads, cached=True),
            )
            b.close()
    finally:
        _stop(proc)


def _report(
    name: str,
    fresh: list[float],
    fresh_driver: list[float],
    cached: list[float],
    cached_driver: list[float],
) -> None:
    def med(xs: list[float]) -> float:
        return statistics.median(xs[1:])

    print(
        f"  {name}: cold {fresh[0]:.2f}s, warm {med(fresh):.2f}s, warm with the browser's "
        f"cache {med(cached):.2f}s (target 1.0 s; median of {len(fresh) - 1}); as Playwright's "
        f"poll sees it: cold {fresh_driver[0]:.2f}s, warm {med(fresh_driver):.2f}s, "
        f"cached {med(cached_driver):.2f}s"
    )


if __name__ == "__main__":
    main()
