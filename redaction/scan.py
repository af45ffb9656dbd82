"""Residual-PII scan of the store: a second, independent pass.

Its patterns are written apart from the recognizers on purpose, so that a blind spot
of one is not the blind spot of the other. It reads every VARCHAR and JSON column of
every table and reports counts per table, column and kind, never the values."""

from __future__ import annotations

import ipaddress
import re
from collections import Counter
from collections.abc import Callable
from datetime import datetime
from typing import Any

from warden.store import Store


def _luhn(s: str) -> bool:
    d = [int(c) for c in s if c.isdigit()]
    if not 13 <= len(d) <= 19:
        return False
    total = sum(
        x if i % 2 == 0 else (x * 2 - 9 if x * 2 > 9 else x * 2) for i, x in enumerate(reversed(d))
    )
    return total % 10 == 0


def _iban(s: str) -> bool:
    c = s.replace(" ", "")
    if not 15 <= len(c) <= 34:
        return False
    moved = c[4:] + c[:4]
    try:
        return int("".join(str(int(ch, 36)) for ch in moved)) % 97 == 1
    except ValueError:
        return False


def _ipv4(s: str) -> bool:
    try:
        ipaddress.IPv4Address(s)
    except ValueError:
        return False
    return True


CHECKS: dict[str, tuple[re.Pattern[str], Callable[[str], bool] | None]] = {
    "email": (
        re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"),
        None,
    ),
    "card": (re.compile(r"(?<![\d.])\d(?:[ -]?\d){12,18}(?![\d.])"), _luhn),
    "ssn": (re.compile(r"(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])"), None),
    "iban": (re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b"), _iban),
    "phone": (
        re.compile(r"\+\d{1,3}[ .-]?\(?\d{1,4}\)?(?:[ .-]?\d{2,4}){2,4}\b"),
        lambda s: sum(c.isdigit() for c in s) >= 10,
    ),
    "ipv4": (re.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.])"), _ipv4),
    "secret": (
        re.compile(
            r"\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}|\bAKIA[A-Z2-7]{16}\b|\bgh[pousr]_[A-Za-z0-9]{30,}"
            r"|\bxox[abposr]-[A-Za-z0-9-]{10,}|\b[sr]k_live_[A-Za-z0-9]{16,}|\bAIza[A-Za-z0-9_-]{35}"
            r"|\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.|-----BEGIN [A-Z ]*PRIVATE KEY-----"
        ),
        None,
    ),
}


# Pseudonyms and hex digests are ours, not PII; their digit runs must not look like cards.
_OURS = re.compile(r"\b(?:ac|or|ak|em|ip|nw|ua)_v\d+_[0-9a-f]{32}\b|\b[0-9a-f]{16,}\b")


def scan_text(text: str) -> Counter[str]:
    """Kinds of residual PII in one text, with counts."""
    found: Counter[str] = Counter()
    text = _OURS.sub(" ", text)
    for kind, (rx, check) in CHECKS.items():
        for m in rx.finditer(text):
            if check is None or check(m.group(0)):
                found[kind] += 1
    return found


def scan_store(
    store: Store, batch: int = 5000, events_since: datetime | None = None
) -> list[dict[str, Any]]:
    """Findings: one dict per (table, column, kind) with a count. With ``events_since``
    only the events ingested since then are read (every other table in full)."""
    out: list[dict[str, Any]] = []
    with store.read() as con:
        columns = con.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'main' AND (data_type = 'VARCHAR' OR data_type = 'JSON') "
            "ORDER BY table_name, ordinal_position"
        ).fetchall()
        for table, column in columns:
            counts: Counter[str] = Counter()
            where = f'"{column}" IS NOT NULL'
            args: list[Any] = []
            if table == "events" and events_since is not None:
                where += " AND ingested_at >= ?"
                args.append(events_since)
            cur = con.execute(f'SELECT "{column}"::VARCHAR FROM "{table}" WHERE {where}', args)
            while rows := cur.fetchmany(batch):
                for (value,) in rows:
                    counts.update(scan_text(value))
            out += [
                {"table": table, "column": column, "kind": k, "count": n}
                for k, n in sorted(counts.items())
            ]
    return out
