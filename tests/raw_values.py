"""What must never reach the store, a file or an output: the generator's raw identifiers
and the values it planted in the text (for tests)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import ahocorasick


def raw_values(synth: Path) -> set[str]:
    """Every raw identifier and planted value of a generated log (6 characters or more)."""
    out: set[str] = set()
    for line in (synth / "truth" / "events.jsonl").read_text().splitlines():
        out |= {value for _, value in json.loads(line)["pii"]}
    for line in (synth / "truth" / "accounts.jsonl").read_text().splitlines():
        a = json.loads(line)
        out |= {a["account_id"], a["org_id"], a["user_email"], *a["api_key_ids"]}
    with (synth / "usage.jsonl").open() as fh:
        for line in fh:
            out.add(json.loads(line)["ip_address"])
    return {v for v in out if len(v) >= 6}


class Needles:
    """Which of many strings occur in a text or a file, in one pass over it (Aho-Corasick:
    a few thousand ``needle in text`` over megabytes took minutes)."""

    def __init__(self, needles: Iterable[str]) -> None:
        self.text = ahocorasick.Automaton()
        self.raw = ahocorasick.Automaton()  # UTF-8 bytes, read as Latin-1 characters
        for n in needles:
            self.text.add_word(n, n)
            self.raw.add_word(n.encode().decode("latin-1"), n)
        self.text.make_automaton()
        self.raw.make_automaton()

    def in_text(self, text: str) -> set[str]:
        return {n for _, n in self.text.iter(text)}

    def in_bytes(self, data: bytes) -> set[str]:
        return {n for _, n in self.raw.iter(data.decode("latin-1"))}
