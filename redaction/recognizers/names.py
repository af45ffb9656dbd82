"""Name dictionaries from the package registry: first and last names of about eighty
locales (Faker's person providers, MIT licence), Latin script only, and English word
frequencies (wordfreq) to tell a rare capitalised word from a common one."""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from wordfreq import zipf_frequency

_FIRST_ATTRS = (
    "first_names",
    "first_names_male",
    "first_names_female",
    "first_romanized_names",
    "first_names_male_romanized",
    "first_names_female_romanized",
)
_LAST_ATTRS = ("last_names", "last_romanized_names")


def _latin(name: str) -> bool:
    return (
        bool(name)
        and all(c.isalpha() or c in "-' " for c in name)
        and all(ord(c) < 0x250 for c in name)
    )


def _values(provider: object, attr: str) -> set[str]:
    v = getattr(provider, attr, None)
    if v is None or isinstance(v, property | str):
        return set()
    try:
        return {str(x) for x in v}
    except TypeError:
        return set()


@lru_cache(maxsize=4)
def dictionaries(prefix: str = "") -> tuple[frozenset[str], frozenset[str]]:
    """(first names, last names), case-folded, of every locale or of those whose name
    starts with ``prefix`` ("en": the English-speaking ones)."""
    import faker.providers.person as person

    first: set[str] = set()
    last: set[str] = set()
    for mod in pkgutil.iter_modules(person.__path__):
        if not mod.name.startswith(prefix):
            continue
        try:
            provider = importlib.import_module(f"{person.__name__}.{mod.name}").Provider
        except (ImportError, AttributeError):
            continue
        for a in _FIRST_ATTRS:
            first |= {n.casefold() for n in _values(provider, a) if _latin(n)}
        for a in _LAST_ATTRS:
            last |= {n.casefold() for n in _values(provider, a) if _latin(n)}
    return frozenset(first), frozenset(last)


@lru_cache(maxsize=1)
def greek_first_names() -> frozenset[str]:
    """First names in Greek letters (Faker's el_GR lists, MIT licence)."""
    provider = importlib.import_module("faker.providers.person.el_GR").Provider
    out: set[str] = set()
    for a in _FIRST_ATTRS:
        out |= _values(provider, a)
    return frozenset(out)


@lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    """How common ``word`` is in English (Zipf scale: 7 = 'the', 3 = rare, 0 = unseen)."""
    return float(zipf_frequency(word, "en"))


_CALENDAR = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
}


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """English words that are written in lower case in Webster's 2nd (``english-words``,
    web2 list), plus month and day names: a capitalised one may be a name or a word."""
    from english_words import get_english_words_set

    words = get_english_words_set(["web2"], lower=False, alpha=True)
    return frozenset({w for w in words if w.islower()} | _CALENDAR)


def is_common(word: str) -> bool:
    """Is ``word`` (any case) an English word, inflected forms included?"""
    w = word.casefold()
    # Webster's 2nd lists many rare words that are also names (hamza, rohan); a word
    # counts as common only if it is also frequent in English text.
    if zipf(w) <= 3.5:
        return False
    common = common_words()
    if w in common:
        return True
    for suffix, repl in (
        ("ies", "y"),
        ("es", ""),
        ("s", ""),
        ("ed", ""),
        ("ed", "e"),
        ("ing", ""),
        ("ing", "e"),
        ("ly", ""),
    ):
        if not w.endswith(suffix) or len(w) <= len(suffix) + 2:
            continue
        stem = w[: -len(suffix)]
        if suffix == "es" and not stem.endswith(("s", "x", "z", "ch", "sh")):
            continue  # James is not jam+es
        if stem + repl in common:
            return True
    return False
