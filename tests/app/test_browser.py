"""A real browser against a real Streamlit server: claim a case, record a decision, see
it on the audit page, then check the store. Screenshots of each page go to docs/."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import duckdb
import pytest

from .conftest import PW

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(swept_home: Path) -> object:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; .ci/run installs Debian's chromium")
        pytest.skip("chromium not installed (apt-get install chromium)")
    port = _free_port()
    env = {**os.environ, "WARDEN_PASSPHRASE": PW}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "warden",
            "--home",
            str(swept_home),
            "dashboard",
            "--port",
            str(port),
            "--dev-user",
            "alice",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=1) as r:
                if r.status == 200:
                    break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail(
            "streamlit did not start: " + (proc.stderr.read().decode() if proc.stderr else "")
        )
    yield url
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
    if proc.stderr:
        proc.stderr.close()


def test_claim_decide_and_see_it_audited(server: str, swept_home: Path, tmp_path: Path) -> None:
    # `make screenshots` points this at docs/screenshots; a test run never writes there
    shots = Path(os.environ.get("WARDEN_SCREENSHOTS") or tmp_path / "screenshots")
    from playwright.sync_api import expect, sync_playwright

    with duckdb.connect(str(swept_home / "warden.duckdb"), read_only=True) as con:
        cid = con.execute(
            "SELECT case_id FROM cases WHERE state = 'open' AND NOT held "
            "ORDER BY case_id DESC LIMIT 1"
        ).fetchone()[0]
    shots.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(server + "/")
        expect(page.get_by_text("highest priority first")).to_be_visible(timeout=30_000)
        page.wait_for_timeout(2000)
        page.screenshot(path=str(shots / "queue.png"), full_page=True)
        box = page.get_by_label("Case", exact=True)
        box.click()
        page.keyboard.type(cid)
        page.keyboard.press("Enter")
        page.get_by_role("button", name="Claim", exact=True).click()
        expect(page.get_by_text("is yours until")).to_be_visible(timeout=20_000)
        page.get_by_role("button", name="Open case").click()
        expect(page.get_by_text("Why flagged")).to_be_visible(timeout=30_000)
        for label, value in (("Action", "warn"), ("Policy", "spam")):
            page.get_by_label(label, exact=True).click()
            page.keyboard.type(value)
            page.keyboard.press("Enter")
        page.get_by_label("Rationale (required: the statement of reasons)").fill(
            "Phishing template sent from a shared network by several new accounts."
        )
        page.get_by_role("button", name="Record decision").click()
        page.get_by_role("button", name="Confirm decision").click()
        expect(page.get_by_text(f"recorded on {cid}")).to_be_visible(timeout=20_000)
        page.evaluate("window.scrollTo(0, 0)")
        page.wait_for_timeout(1500)
        page.screenshot(path=str(shots / "case.png"), full_page=True)
        for name in ("groups", "explore", "admin"):
            page.goto(f"{server}/{name}")
            page.wait_for_timeout(2500)
            page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
        page.goto(server + "/audit")
        expect(page.get_by_text("decision.recorded").first).to_be_visible(timeout=30_000)
        expect(page.get_by_text("OK:").first).to_be_visible()
        page.screenshot(path=str(shots / "audit.png"), full_page=True)
        browser.close()
    with duckdb.connect(str(swept_home / "warden.duckdb"), read_only=True) as con:
        row = con.execute("SELECT actor, action FROM decisions WHERE case_id = ?", [cid]).fetchone()
    assert row == ("alice (dev-user)", "warn")
