"""Does a known personal value survive, whole or in part, in a redacted text?

The measure used by the tests, the benchmarks and the training-set checks. A value
counts as leaked when a reader could still recover part of it:

- the whole value, after both sides are NFKC-normalised and stripped of invisible
  format characters (zero-width joiners, bidi controls, soft hyphens);
- for names and addresses, any word of three letters or more (particles such as
  "van" or "de" and street-type words such as "Street" excepted), two in Han, kana,
  Hangul and Thai (佐藤), whose words also count inside a longer run, as a particle is
  written onto them (가르시아라고); a word holds the marks written on its letters (Thai's
  vowels and tones, Devanagari's vowel signs);
- for anything with digits (phones, cards, IBANs, ids, postcodes), any run of five
  consecutive digits of the value, even when the text splits it with spaces, dots,
  dashes or slashes;
- for e-mail addresses, the local part with its ``@``;
- for secrets, any ten consecutive characters.
"""

from __future__ import annotations

import re
import unicodedata

PARTICLES = frozenset(
    [
        "van",
        "von",
        "der",
        "den",
        "de",
        "del",
        "della",
        "la",
        "le",
        "da",
        "das",
        "dos",
        "di",
        "du",
        "al",
        "el",
        "bin",
        "ibn",
        "ben",
        "mac",
        "st",
    ]
)
# Words of an address that say what kind of place it is, not which one.
ADDRESS_WORDS = frozenset(
    [
        "street",
        "st",
        "road",
        "rd",
        "avenue",
        "ave",
        "boulevard",
        "blvd",
        "lane",
        "ln",
        "drive",
        "dr",
        "court",
        "ct",
        "place",
        "pl",
        "square",
        "sq",
        "way",
        "terrace",
        "circle",
        "cir",
        "highway",
        "hwy",
        "parkway",
        "pkwy",
        "suite",
        "ste",
        "apt",
        "apartment",
        "unit",
        "floor",
        "building",
        "bldg",
        "north",
        "south",
        "east",
        "west",
        "the",
        "and",
        "rue",
        "calle",
        "via",
        "strasse",
        "straße",
        "avenida",
        "rua",
        "ulica",
    ]
)
_SECRET_KINDS = ("SECRET", "KEY", "TOKEN", "PASSWORD", "CREDENTIAL")
_NAME_KINDS = ("PERSON", "NAME", "ADDRESS", "LOCATION")
_SEPARATORS = re.compile(r"(?<=\d)[\s\-./()\u00a0]+(?=\d)")
# Scripts that write a particle or the next word onto a name (가르시아라고, 佐藤です):
# a word of theirs leaks inside a longer run too.
_ATTACHED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
# A word: letters, digits and the marks written on them (the vowel and tone marks of
# Thai, Devanagari's vowel signs: ``\w`` alone cuts วีระ into ว and ระ, रोहित into र, ह, त,
# and such a cut piece of two letters is inside many other words)
_MARKS = "".join(
    chr(c) for c in range(0x300, 0x10000) if unicodedata.category(chr(c)).startswith("M")
)
_WORD = re.compile(rf"(?:\w|[{re.escape(_MARKS)}])+")
# Pseudonyms are hex: their digits are no leak.
_PSEUDONYM = re.compile(r"\b[a-z]{2}_v\d+_[0-9a-f]{16,64}\b")


def visible(text: str) -> str:
    """NFKC form without invisible format characters (category Cf)."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def _digit_runs(text: str) -> str:
    """The text with separators inside numbers removed: ``612 345-678`` -> ``612345678``."""
    return _SEPARATORS.sub("", text)


def fragments(kind: str, value: str) -> list[str]:
    """The parts of ``value`` whose presence counts as a leak (see the module doc)."""
    value = visible(value).strip()
    out = [value] if value else []
    upper = kind.upper()
    if "EMAIL" not in upper and any(k in upper for k in _NAME_KINDS):
        for word in _WORD.findall(value):
            low = word.lower()
            if (
                (len(word) >= 3 or (len(word) == 2 and _ATTACHED.search(word)))
                and not word.isdigit()
                and low not in PARTICLES
                and not (upper.endswith("ADDRESS") and low in ADDRESS_WORDS)
            ):
                out.append(word)
    if "EMAIL" in upper and "@" in value:
        local = value.split("@", 1)[0]
        if len(local) >= 3:
            out.append(local + "@")
    elif any(k in upper for k in _SECRET_KINDS) and len(value) > 10:
        out += [value[i : i + 10] for i in range(len(value) - 9)]
    return out


def _digit_windows(value: str) -> list[str]:
    digits = re.sub(r"\D", "", visible(value))
    if len(digits) < 5:
        return []
    return [digits[i : i + 5] for i in range(len(digits) - 4)]


def leaked(kind: str, value: str, text: str) -> bool:
    """Is any part of ``value`` (of PII type ``kind``) still readable in ``text``?"""
    seen = _PSEUDONYM.sub(" ", visible(text))
    frags = fragments(kind, value)
    if frags and frags[0] in seen:  # the whole value
        return True
    whole_words = "EMAIL" not in kind.upper() and any(k in kind.upper() for k in _NAME_KINDS)
    for frag in frags[1:]:
        if not whole_words:
            if frag in seen:
                return True
        elif _ATTACHED.search(frag) and frag in seen:
            return True  # Hangul, kana, Han, Thai: a particle is written onto the name
        elif re.search(rf"(?<!\w){re.escape(frag)}(?!\w)", seen):
            return True
    windows = _digit_windows(value)
    return bool(windows) and any(w in _digit_runs(seen) for w in windows)
