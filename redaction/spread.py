"""A name found in one text is redacted in the other texts of its group.

The recognizers read one text at a time, and a name they find in one message of a
conversation they may miss in the next, where nothing around it says it is a name
("Hłasko came back" after "the writer Marek Hłasko"). An analyst reading the messages
side by side would see it. So each word of a name found in a text of a group (ingest
groups the messages, input and completion of one request: a conversation) is redacted
wherever it stands in the group's other texts, whole (Latin, Cyrillic, Greek), after a
one- or two-letter prefix (Hebrew ל, ש..., Arabic ب, ل...) or before a particle (Korean
에게, 는...).

A word spreads when it is at least three letters long (two in Hangul), capitalised
where its script has capitals but not all in capitals (an acronym a model took for a
name: CRISPR), and rare both in the text's language and in English (Zipf under 3.5: not
"Will" or "Rose", which a name shares with common words). Chinese, Japanese and Thai
names are not spread: without spaces a name's characters are also pieces of other
words.

The words are kept on :class:`~redaction.redact.Redacted` in memory only (never in its
repr, never written): :func:`spread_names` reads them and returns new results.
"""

from __future__ import annotations

import math
import re
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from wordfreq import available_languages

from redaction.multilingual import korean_frequencies, language, small_zipf

if TYPE_CHECKING:
    from redaction.redact import Redacted

_WORD = re.compile(r"\w+")
_HEBREW = re.compile(r"[\u05d0-\u05ea]")
_ARABIC = re.compile(r"[\u0621-\u064a]")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\u0e00-\u0e7f]")
_COMMON = 3.5


def _zipf(word: str, lang: str) -> float:
    if lang == "ko":  # wordfreq's own lookup cuts Korean with MeCab, not shipped
        freq = korean_frequencies().get(word, 0.0)
        return math.log10(freq * 1e9) if freq else 0.0
    # wordfreq cuts Japanese with MeCab, not shipped; for a language it has no list of
    # (Thai) or only a neighbour's ("no": "nb") it warns. The English Zipf decides alone
    if lang == "ja" or lang not in _listed():
        return 0.0
    return small_zipf(word, lang)


@lru_cache(maxsize=1)
def _listed() -> frozenset[str]:
    return frozenset(available_languages("small"))


@lru_cache(maxsize=65_536)
def spreads(word: str, lang: str) -> bool:
    """Is ``word`` of a name found in a text of language ``lang`` one to redact in the
    group's other texts?"""
    if _UNSPACED.search(word) or word.isdigit() or "_" in word:  # not a placeholder's
        return False
    hangul = _HANGUL.match(word) is not None
    if len(word) < (2 if hangul else 3):
        return False
    cased = word[0].lower() != word[0].upper()
    if cased and (not word[0].isupper() or word.isupper()):  # an acronym: CRISPR, NATO
        return False
    # Turkish İ lowers to i and a combining dot (İran -> i̇ran), which no word list holds
    low = word.lower().replace("i\u0307", "i")
    return max(_zipf(low, lang), _zipf(low, "en")) < _COMMON


def name_words(text: str, spans: Sequence[tuple[int, int, str]]) -> frozenset[str]:
    """The words of the PERSON spans of ``text`` that spread (:func:`spreads`)."""
    persons = [text[a:b] for a, b, t in spans if t == "PERSON"]
    if not persons:
        return frozenset()
    lang = language(text)
    return frozenset(w for value in persons for w in _WORD.findall(value) if spreads(w, lang))


def _pattern(word: str) -> str:
    e = re.escape(word)
    if _HEBREW.match(word):
        return rf"(?<![\u05d0-\u05ea])[והלשמכב]{{0,2}}{e}(?![\u05d0-\u05ea])"
    if _ARABIC.match(word):
        return rf"(?<![\u0621-\u064a])(?:و|ف|ب|ل|ك|وب|ول|فب|فل)?{e}(?![\u0621-\u064a])"
    if _HANGUL.match(word):
        return rf"(?<![\uac00-\ud7a3]){e}"
    return rf"(?<!\w){e}(?!\w)"


def words_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """One pattern for each of ``words`` where it stands as a word of its script."""
    return re.compile("|".join(_pattern(w) for w in sorted(words, key=len, reverse=True)))


def spread_names(results: Sequence[Redacted], groups: Sequence[Hashable]) -> list[Redacted]:
    """``results`` (one per text) with the name words found in any text of a group
    redacted in the group's other texts; ``groups`` gives each text's group."""
    if len(results) != len(groups):
        raise ValueError(f"{len(results)} results but {len(groups)} groups: one group a text")
    words: dict[Hashable, set[str]] = {}
    for r, g in zip(results, groups, strict=True):
        if r.names:
            words.setdefault(g, set()).update(r.names)
    # a group's pattern is compiled only when one of its words is in a text at all: most
    # groups never need theirs, and each compiled one pushes others out of re's cache
    patterns: dict[Hashable, re.Pattern[str]] = {}
    out = []
    for r, g in zip(results, groups, strict=True):
        mine = words.get(g)
        if not mine or not r.text or not any(w in r.text for w in mine):
            out.append(r)
            continue
        if g not in patterns:
            patterns[g] = words_pattern(mine)
        text, n = patterns[g].subn("<PERSON>", r.text)
        if not n:
            out.append(r)
            continue
        counts = dict(r.counts)
        counts["PERSON"] = counts.get("PERSON", 0) + n
        out.append(replace(r, text=text, counts=counts))
    return out
