"""What the quarantine keeps of a rejected record: never the raw record.

Identifier fields are replaced by their pseudonyms (found structurally in a parsed
record, or by pattern in a line that did not parse), then the whole text goes
through the redactor, and it is cut to a bounded size. :func:`quarantined` and
:func:`quarantine_counts` read the table back (``warden quarantine``)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from redaction.pseudonym import Pseudonymizer
from warden.store import Store

if TYPE_CHECKING:  # the redactor loads spaCy and Presidio; reading the quarantine does not
    from redaction.redact import TextRedactor

KEEP_CHARS = 8_000
ID_FIELDS = {
    "account_id": "account",
    "org_id": "org",
    "api_key_id": "api_key",
    "user_email": "email",
    "ip_address": "ip",
    "user_agent": "user_agent",
}
_ID_IN_TEXT = re.compile(
    r'"(account_id|org_id|api_key_id|user_email|ip_address|user_agent)"\s*:\s*'
    r'("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?)'
)


def scrub_record(rec: dict[str, Any], pseudo: Pseudonymizer) -> str:
    """A parsed record as JSON with identifier fields pseudonymized (not yet redacted)."""
    out: dict[str, Any] = {}
    for k, v in rec.items():
        kind = ID_FIELDS.get(k)
        if kind and v is not None and not isinstance(v, dict | list):
            out[k] = pseudo.pseudonym(kind, str(v))
        else:
            out[k] = v
    try:
        return json.dumps(out, ensure_ascii=False, default=str)
    except (ValueError, RecursionError):
        return "<record could not be serialised>"


def scrub_text(text: str, pseudo: Pseudonymizer) -> str:
    """A raw line with identifier fields pseudonymized by pattern (not yet redacted)."""

    def repl(m: re.Match[str]) -> str:
        raw = m.group(2)
        value = json.loads(raw) if raw.startswith('"') else raw
        try:
            value = str(value)
        except ValueError:
            value = raw
        return f'"{m.group(1)}": "{pseudo.pseudonym(ID_FIELDS[m.group(1)], value)}"'

    try:
        return _ID_IN_TEXT.sub(repl, text)
    except (ValueError, RecursionError):
        return _ID_IN_TEXT.sub(lambda m: f'"{m.group(1)}": "<ID>"', text)


def keepable(texts: list[str], redactor: TextRedactor) -> list[str]:
    """Cut, then redact: what the quarantine table stores."""
    cut = [t[:KEEP_CHARS] + (" [...cut]" if len(t) > KEEP_CHARS else "") for t in texts]
    return [r.text for r in redactor.redact_many(cut)] if cut else []


@dataclass(frozen=True)
class Quarantined:
    """One quarantined record as the store keeps it (``record`` redacted, never raw)."""

    file: str
    line: int
    reason: str
    record: str | None
    at: datetime


def quarantined(store: Store, file: str | None = None, limit: int = 50) -> list[Quarantined]:
    """The latest quarantined records, of one file (by its name) or of all, newest
    first and in line order within a file."""
    with store.read() as con:
        rows = con.execute(
            "SELECT source_name, line_no, reason, record, quarantined_at FROM quarantine "
            "WHERE ? IS NULL OR source_name = ? "
            "ORDER BY quarantined_at DESC, source_name, line_no LIMIT ?",
            [file, file, limit],
        ).fetchall()
    return [Quarantined(*r) for r in rows]


def quarantine_counts(store: Store, file: str | None = None) -> list[tuple[str, str, int]]:
    """(file, reason, records) over the whole quarantine, the most frequent first.
    Reasons name a field and a rule, never a value, so they group well."""
    with store.read() as con:
        rows = con.execute(
            "SELECT source_name, reason, count(*) AS n FROM quarantine "
            "WHERE ? IS NULL OR source_name = ? GROUP BY ALL ORDER BY n DESC, source_name, reason",
            [file, file],
        ).fetchall()
    return [(str(f), str(r), int(n)) for f, r, n in rows]
