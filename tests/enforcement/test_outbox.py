"""Outbox delivery against a real HTTP server on loopback that fails the first attempts."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from enforcement import cases, decisions, outbox
from enforcement.desk import Desk

from .conftest import decided_cases

T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
SECRET = b"shared-webhook-secret"


class Receiver:
    def __init__(self, fail_first: int, status: int = 503) -> None:
        self.fail_first = fail_first
        self.status = status
        self.calls = 0
        self.accepted: dict[str, dict[str, Any]] = {}
        self.bad_signatures = 0
        recv = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                recv.calls += 1
                want = "sha256=" + hmac.new(SECRET, body, hashlib.sha256).hexdigest()
                if self.headers["X-Warden-Signature"] != want:
                    recv.bad_signatures += 1
                if recv.calls <= recv.fail_first:
                    self.send_response(recv.status)
                    self.end_headers()
                    return
                recv.accepted.setdefault(self.headers["Idempotency-Key"], json.loads(body))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *a: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _decided(desk: Desk, n: int) -> list[str]:
    return decided_cases(desk, n, T0)


def test_retries_with_backoff_then_delivers_once(desk: Desk) -> None:
    ids = _decided(desk, 2)
    recv = Receiver(fail_first=2)
    sleeps: list[float] = []
    try:
        report = outbox.deliver_webhook(
            desk, recv.url, SECRET, "ops", backoff=0.01, sleep=sleeps.append
        )
        assert sorted(report.delivered) == sorted(f"warden-{d}" for d in ids)
        assert report.failed == {}
        assert sleeps == [0.01, 0.02]  # exponential backoff on the first entry
        assert recv.bad_signatures == 0
        assert set(recv.accepted) == {f"warden-{d}" for d in ids}
        again = outbox.deliver_webhook(desk, recv.url, SECRET, "ops", sleep=sleeps.append)
        assert again.delivered == [] and recv.calls == 4  # nothing sent twice
    finally:
        recv.close()
    with desk.store.read() as con:
        rows = con.execute(
            "SELECT attempts, delivered_at IS NOT NULL FROM outbox ORDER BY idempotency_key"
        ).fetchall()
        audited = con.execute(
            "SELECT count(*) FROM audit_log WHERE action = 'action.delivered'"
        ).fetchone()
    assert rows == [(3, True), (1, True)]
    assert audited == (2,)


def test_client_error_is_not_retried_and_stays_pending(desk: Desk) -> None:
    _decided(desk, 1)
    recv = Receiver(fail_first=10, status=400)
    try:
        report = outbox.deliver_webhook(desk, recv.url, SECRET, "ops", sleep=lambda s: None)
    finally:
        recv.close()
    assert report.delivered == [] and list(report.failed.values()) == ["HTTP 400"]
    assert recv.calls == 1
    assert len(outbox.pending(desk)) == 1


def test_unreachable_endpoint_fails_cleanly(desk: Desk) -> None:
    _decided(desk, 1)
    report = outbox.deliver_webhook(
        desk, "http://127.0.0.1:9/none", SECRET, "ops", max_attempts=2, sleep=lambda s: None
    )
    assert "connection failed" in next(iter(report.failed.values()))


def test_jsonl_delivery(desk: Desk, tmp_path: Path) -> None:
    ids = _decided(desk, 2)
    f = tmp_path / "actions.jsonl"
    outbox.deliver_jsonl(desk, f, "ops")
    outbox.deliver_jsonl(desk, f, "ops")
    lines = [json.loads(x) for x in f.read_text().splitlines()]
    assert [x["decision_id"] for x in lines] == ids
    assert all(x["action"] == "warn" and x["subject"].startswith("ac_v1_") for x in lines)


@pytest.mark.parametrize("action", ["suspend", "ban"])
def test_severe_action_enters_outbox_only_when_approved(desk: Desk, action: str) -> None:
    s = "ac_v1_" + "f" * 32
    cid, _ = cases.open_or_update(
        desk, kind="account", subject=s, members=[s], risk=0.9, reasons=["r"], now=T0
    )
    cases.claim(desk, "bob", cid, now=T0)
    did = decisions.decide(
        desk,
        "bob",
        cid,
        action,
        "jailbreak",
        "Runs the same jailbreak template from a ring of new accounts.",
        now=T0,
    )
    assert outbox.pending(desk) == []
    decisions.approve(desk, "carol", did, now=T0)
    assert [p["action"] for _, p in outbox.pending(desk)] == [action]
