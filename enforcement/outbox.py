"""Delivery of effective decisions from the outbox to the platform that enforces them.

``deliver_webhook`` POSTs each pending entry as JSON with an
``X-Warden-Signature: sha256=<HMAC-SHA-256(secret, body)>`` header and its
``Idempotency-Key``; a connection error, 429 or 5xx is retried with exponential
backoff; any other 4xx is recorded and left for a person. ``deliver_jsonl`` appends the
entries to a file instead. Each delivery is recorded and audited; an entry is
delivered at most once by Warden (the receiver dedupes on the key if a response is lost).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from enforcement.desk import Desk, utcnow


@dataclass
class DeliveryReport:
    delivered: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    attempts: int = 0


def pending(desk: Desk) -> list[tuple[str, dict[str, Any]]]:
    """(idempotency key, payload) of entries not delivered yet, oldest first."""
    with desk.store.read() as con:
        rows = con.execute(
            "SELECT idempotency_key, payload FROM outbox WHERE delivered_at IS NULL "
            "ORDER BY created_at, idempotency_key"
        ).fetchall()
    return [(k, json.loads(p)) for k, p in rows]


def sign(secret: bytes, body: bytes) -> str:
    return "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()


def _mark(
    desk: Desk, actor: str, key: str, target: str, ok: bool, error: str | None, tries: int
) -> None:
    now = utcnow()
    with desk.write() as con:
        if ok:
            con.execute(
                "UPDATE outbox SET delivered_at = ?, delivered_to = ?, attempts = "
                "attempts + ?, last_error = NULL WHERE idempotency_key = ?",
                [now, target, tries, key],
            )
            desk.audit(
                con, actor, "action.delivered", key, {"to": target, "attempts": tries}, now=now
            )
        else:
            con.execute(
                "UPDATE outbox SET attempts = attempts + ?, last_error = ? "
                "WHERE idempotency_key = ?",
                [tries, error, key],
            )
            desk.audit(
                con,
                actor,
                "action.delivery_failed",
                key,
                {"to": target, "attempts": tries, "error": error},
                now=now,
            )


def deliver_webhook(
    desk: Desk,
    url: str,
    secret: bytes,
    actor: str,
    *,
    max_attempts: int = 5,
    backoff: float = 0.5,
    timeout: float = 10.0,
    sleep: Callable[[float], None] = time.sleep,
) -> DeliveryReport:
    """POST every pending entry to ``url`` (see the module doc)."""
    report = DeliveryReport()
    target = urlsplit(url).netloc or url
    for key, payload in pending(desk):
        body = json.dumps(payload, sort_keys=True).encode()
        error: str | None = None
        ok = False
        tries = 0
        for attempt in range(max_attempts):
            tries += 1
            req = urllib.request.Request(
                url,
                data=body,
                method="POST",
                headers={
                    "Content-Type": "application/json",
                    "Idempotency-Key": key,
                    "X-Warden-Signature": sign(secret, body),
                    "User-Agent": "warden-outbox/1",
                },
            )
            try:
                with urllib.request.urlopen(req, timeout=timeout) as resp:
                    ok = 200 <= resp.status < 300
                    error = None if ok else f"HTTP {resp.status}"
            except urllib.error.HTTPError as exc:
                error = f"HTTP {exc.code}"
                if exc.code != 429 and exc.code < 500:
                    break  # the receiver refused it: a person must look
            except (urllib.error.URLError, OSError) as exc:
                error = f"connection failed ({type(exc).__name__})"
            if ok:
                break
            if attempt + 1 < max_attempts:
                sleep(backoff * 2**attempt)
        report.attempts += tries
        _mark(desk, actor, key, target, ok, error, tries)
        if ok:
            report.delivered.append(key)
        else:
            report.failed[key] = error or "failed"
    return report


def deliver_jsonl(desk: Desk, path: Path, actor: str) -> DeliveryReport:
    """Append every pending entry to ``path`` as JSON Lines."""
    report = DeliveryReport()
    entries = pending(desk)
    with path.open("a", encoding="utf-8") as fh:
        for _, payload in entries:
            fh.write(json.dumps(payload, sort_keys=True) + "\n")
        fh.flush()
    for key, _ in entries:
        _mark(desk, actor, key, f"file:{path.name}", True, None, 1)
        report.delivered.append(key)
        report.attempts += 1
    return report
