"""Greek names: borrowed names by their endings, and a name after the article."""

from __future__ import annotations

import re

from redaction.recognizers.names import (
    greek_in_latin,
    latin_name_keys,
    sound_key,
)
from redaction.wordfreq_safe import zipf_frequency

_EL_CAP = r"[Α-ΩΆΈΉΊΌΎΏ][α-ωάέήίόύώϊϋΐΰς]+"
_EL_WORD = re.compile(rf"(?<!\w){_EL_CAP}(?!\w)")


# how Greek words end: a vowel, -ς or -ν; names of other languages often end otherwise
# (Τραμπ, Μόντριτς, Πικ)
_EL_ENDINGS = frozenset("αεηιουωάέήίόύώϊϋΐΰςν")


def _greek_borrowed_names(text: str) -> list[tuple[int, int, float]]:
    """Names of other languages written in Greek letters (Ντόναλντ, Μπαρμπαρά, Γιούσεφ,
    Τραμπ): a capitalised word that is no common Greek word and either sounds like one of
    Faker's Latin-letter names when spelt back or ends as no Greek word does, with a rare
    capitalised word right beside it (Άνγκελα Μέρκελ). Foreign places and clubs ending so
    are taken too (Ρεάλ). Thresholds chosen on el.train lines 1000-1399, checked on
    1400-1799."""
    keys = latin_name_keys()
    words = list(_EL_WORD.finditer(text))

    def rare(m: re.Match[str], below: float) -> bool:
        return zipf_frequency(m.group(0).lower(), "el") < below

    def foreign(w: str) -> bool:
        if len(w) >= 3 and w[-1] not in _EL_ENDINGS:
            return True
        key = sound_key(greek_in_latin(w))
        return len(key) >= 4 and key in keys

    out: list[tuple[int, int, float]] = []
    for i, m in enumerate(words):
        if (out and m.start() < out[-1][1]) or not foreign(m.group(0)) or not rare(m, 4.5):
            continue  # already taken beside the name before, or no borrowed name
        start, end = m.start(), m.end()
        nxt = words[i + 1] if i + 1 < len(words) else None
        if nxt and text[end : nxt.start()] == " " and rare(nxt, 4.0):
            end = nxt.end()
        before = words[i - 1] if i > 0 else None
        if before and text[before.end() : start] == " " and rare(before, 4.0):
            start = before.start()
        out.append((start, end, 0.5))
    return out


# the masculine article, nominative or accusative, maybe "Mr" (κ.), then one or two
# capitalised words: Greek writes the article before a man's name (ο Ζαχαρόπουλος, τον
# Βρεττάκο, a sentence's Ο Ζαχαρόπουλος)
_EL_ARTICLE_NAME = re.compile(
    rf"(?<![\w.])(?:[οΟ]|[τΤ]ον) (?:κ\. )?({_EL_CAP}(?:[ -]{_EL_CAP})?)(?![\w'’])"
)
# a first name's initial (one or two letters and a dot: Γ., Στ.), then the family name
_EL_INITIAL_NAME = re.compile(rf"(?<![\w.])[Α-Ω][α-ω]?\. ?({_EL_CAP}(?:-{_EL_CAP})?)(?![\w'’.])")


def _greek_after_article(text: str) -> list[tuple[int, int, float]]:
    """A man's name after the masculine article, and a family name after a first name's
    initial (Γ. Ζαχαρόπουλος): each word rare in Greek (Zipf below 3.5), and after the
    article the last not ending in a stressed -ό(ς), as the adjectives of nations do (τον
    Νορβηγό προπονητή). The article in lower case chosen on el.train lines 2400-2999
    (the ending on 3000-3599), checked on 3600-4199; the capitalised article and the
    initial chosen on 4200-4699, checked on 400-999."""
    out = []
    for m in _EL_ARTICLE_NAME.finditer(text):
        words = re.split("[ -]", m.group(1))
        if all(zipf_frequency(w, "el") < 3.5 for w in words) and not words[-1].endswith(
            ("ός", "ό")
        ):
            out.append((m.start(1), m.end(1), 0.5))
    for m in _EL_INITIAL_NAME.finditer(text):
        if zipf_frequency(m.group(1), "el") < 3.5:
            out.append((m.start(), m.end(), 0.5))
    return out
