"""Internal notes on an account or a group: for the analysts, audited, never exported
(no export, outbox payload or transparency report reads them).

A note must not carry personal data: the caller passes a ``screen`` (the interfaces use
:func:`redaction.scan.scan_text`) and a note in which it finds any is refused, naming
what was found, never the value."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from enforcement.desk import Desk, next_id, utcnow
from warden.errors import StateError

MAX_NOTE_CHARS = 2000


@dataclass(frozen=True)
class Note:
    note_id: str
    subject: str
    author: str
    text: str
    created_at: datetime


def add_note(
    desk: Desk,
    user: str,
    subject: str,
    text: str,
    screen: Callable[[str], Mapping[str, int]],
    now: datetime | None = None,
) -> str:
    """Add a note on ``subject`` (an account pseudonym or a group id); returns its id."""
    desk.require(user, "analyst")
    body = text.strip()
    if not body:
        raise StateError("the note is empty")
    if len(body) > MAX_NOTE_CHARS:
        raise StateError(f"a note holds at most {MAX_NOTE_CHARS:,} characters")
    found = sorted(k for k, n in screen(body).items() if n)
    if found:
        raise StateError(
            "the note looks like it holds personal data ("
            + ", ".join(found)
            + "); describe it without the value (use the pseudonym, or re-identification)"
        )
    now = now or utcnow()
    with desk.write() as con:
        note_id = next_id(con, "subject_notes", "note_id", "N")
        con.execute(
            "INSERT INTO subject_notes VALUES (?, ?, ?, ?, ?)", [note_id, subject, user, body, now]
        )
        desk.audit(
            con, user, "note.added", subject, {"note": note_id}, private={"text": body}, now=now
        )
    return note_id


def notes_for(desk: Desk, subject: str) -> list[Note]:
    """The notes on ``subject``, oldest first."""
    with desk.store.read() as con:
        rows = con.execute(
            "SELECT note_id, subject, author, text, created_at FROM subject_notes "
            "WHERE subject = ? ORDER BY created_at, note_id",
            [subject],
        ).fetchall()
    return [Note(*r) for r in rows]
