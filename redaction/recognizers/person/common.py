"""What the person rules of several languages share."""

from __future__ import annotations

import re

from redaction.wordfreq_safe import zipf_frequency


def _uncommon_group(
    text: str,
    patterns: tuple[re.Pattern[str], ...],
    lang: str,
    below: float,
    names: frozenset[str] = frozenset(),
) -> list[tuple[int, int, float]]:
    """Group 1 of each match of ``patterns`` (a speaker, a subject) when its first word
    is one of ``names`` or rarer in ``lang`` than Zipf ``below``."""
    out = []
    for pattern in patterns:
        for m in pattern.finditer(text):
            word = m.group(1).split()[0].casefold()
            if word in names or zipf_frequency(word, lang) < below:
                out.append((m.start(1), m.end(1), 0.5))
    return out
