"""Names of the English-speaking world written in Hebrew letters (שוורצקוף, and with
"and" written on, ופנדלטון): a word rare in Hebrew that spells, letter by letter, how one
of the United States census's first names or its 20,000 most frequent family names
sounds. A frequent one (בייקר, Baker) is not taken: a frequent word that spells a name is
as often a Hebrew word (אמש, "last night").

Hebrew writes a borrowed name by its consonants and its long vowels (yod for i and e, vav
for o and u, alef for a), so a word is read as a sequence of sounds and aligned with the
name's letters, where each Latin consonant must be written by a letter that can spell it
(v by bet or vav, ch by tsadi and geresh, j by gimel and geresh) and each vowel letter of
the word must stand for a vowel of the name; the name's short vowels may go unwritten.
Letters no borrowed name of that list needs (het, ayin, final kaf) say the word is
Hebrew.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from redaction.recognizers.names import census_first_names, census_surnames_by_rank, place_names
from redaction.wordfreq_safe import zipf_frequency

# how many of the census's family names, the most frequent first
_SURNAMES = 20_000
# a word more frequent in Hebrew than this (Zipf) is read as Hebrew
_RARE = 2.0

# a name's letters as the sounds Hebrew spells: digraphs made one letter (S = sh, C = ts
# or ch, F, V, W, J, G kept apart, since each is written its own way), c read as s or k,
# doubled letters made single
_DIGRAPHS = (
    ("sch", "S"), ("sh", "S"), ("pf", "F"), ("ch", "C"), ("th", "t"), ("ph", "F"), ("ck", "k"),
    ("qu", "k"), ("x", "ks"), ("tz", "C"), ("ts", "C"), ("q", "k"), ("ee", "i"),
    ("oo", "u"), ("ou", "u"), ("ie", "i"), ("ei", "i"), ("ai", "i"), ("ey", "i"),
    ("ay", "i"), ("aw", "o"), ("ow", "o"), ("w", "W"), ("v", "V"), ("f", "F"),
    ("j", "J"), ("g", "G"),
)  # fmt: skip


def _sounds(name: str) -> str:
    s = name.casefold()
    for a, b in _DIGRAPHS:
        s = s.replace(a, b)
    s = re.sub("c(?=[eiy])", "s", s).replace("c", "k")
    return re.sub(r"(.)\1", r"\1", s)


# Hebrew letters as what they spell in a borrowed name: a consonant; Y, W, A the vowel
# letters (י, ו, א); H (ה) a vowel at the end or h; ' the geresh of ג', צ', ז'
_HE_LETTERS = str.maketrans(
    {
        "ב": "b", "ג": "g", "ד": "d", "ז": "z", "ט": "t", "כ": "k", "ל": "l", "מ": "m",
        "ם": "m", "נ": "n", "ן": "n", "ס": "s", "פ": "p", "ף": "p", "צ": "c", "ץ": "c",
        "ק": "k", "ר": "r", "ש": "s", "ת": "t", "י": "Y", "ו": "W", "א": "A", "ה": "H",
        "'": "'", "׳": "'",
    }
)  # fmt: skip
# how each sound of a name may be written
_WRITTEN: dict[str, tuple[str, ...]] = {
    "b": ("b",), "d": ("d",), "z": ("z",), "t": ("t",), "k": ("k",), "l": ("l",),
    "m": ("m",), "n": ("n",), "s": ("s",), "S": ("s",), "p": ("p",), "r": ("r",),
    "C": ("c", "t'", "c'"), "F": ("p",), "V": ("b", "WW", "W"), "J": ("g'",),
    "G": ("g", "g'"),
}  # fmt: skip
# the vowels of the name each vowel letter may stand for
_VOWEL_LETTERS = {"Y": "iey", "W": "ou", "A": "aeo", "H": "ae"}
_CONSONANTS = re.compile(r"[^bdztklmnspcrg]")


@lru_cache(maxsize=200_000)
def _aligned(written: str, sounds: str) -> bool:
    """Can ``written`` (Hebrew letters as ``_HE_LETTERS`` reads them) spell ``sounds``?"""
    if not sounds:
        return written in ("", "A", "H")  # a final alef or he: a vowel
    c, rest = sounds[0], sounds[1:]
    if c in "aeiouy":  # unwritten, or written by a vowel letter that stands for it
        return _aligned(written, rest) or (
            written[:1] in _VOWEL_LETTERS
            and c in _VOWEL_LETTERS[written[:1]]
            and _aligned(written[1:], rest)
        )
    if c == "h":
        return _aligned(written, rest) or (written[:1] == "H" and _aligned(written[1:], rest))
    if c == "W":  # w: doubled vav, or one
        return any(written.startswith(x) and _aligned(written[len(x) :], rest) for x in ("WW", "W"))
    ways = _WRITTEN.get(c)
    if ways is None:
        return _aligned(written, rest)
    return any(written.startswith(x) and _aligned(written[len(x) :], rest) for x in ways)


def _keys(sounds: str) -> set[str]:
    """The consonant skeletons ``sounds`` may be written with (one per way of writing
    each of its sounds), doubled letters made single."""
    keys = [""]
    for c in sounds:
        ways = _WRITTEN.get(c)
        if ways is not None:
            keys = [k + _CONSONANTS.sub("", w) for k in keys for w in ways]
    return {re.sub(r"(.)\1", r"\1", k) for k in keys}


@lru_cache(maxsize=1)
def _index() -> dict[str, tuple[str, ...]]:
    """Consonant skeleton -> the sounds of the names written with it (two consonants or
    more). Built the first time a Hebrew text asks, about half a second."""
    places = place_names()
    names = census_first_names() | frozenset(census_surnames_by_rank()[:_SURNAMES])
    out: defaultdict[str, set[str]] = defaultdict(set)
    for name in names:
        if name in places:  # Washington, Houston, London: a place first
            continue
        sounds = _sounds(name)
        for key in _keys(sounds):
            if len(key) >= 2:
                out[key].add(sounds)
    return {k: tuple(sorted(v)) for k, v in out.items()}


# one-letter words Hebrew writes onto a name: and, that, to, in, as (not "the", ה, which
# a name does not take, nor "from", מ, which takes too many words); two of them at most
_PREFIXES = ("", "ו", "ש", "ל", "ב", "כ", "כש", "ול", "וב", "וש", "שב", "של")
# endings of a Hebrew noun or verb no borrowed name has (plural, "my", "our", "his", ...)
_ENDINGS = ("ות", "ים", "תי", "נו", "תה", "תו", "תן", "הם", "כם")
_NOT_IN_BORROWED = frozenset('חעך"')
_WORD = re.compile(r"(?<![\w'\u05f3\"])[\u05d0-\u05ea][\u05d0-\u05ea'\u05f3\"]*(?!\w)")


@lru_cache(maxsize=50_000)
def spells_a_name(word: str) -> bool:
    """Does the Hebrew ``word`` (one of the prefixes above, then the name) spell a name
    of the census lists? Only a word rare in Hebrew (Zipf under 2), of three letters or
    more, that holds none of ח, ע, ך (a borrowed name needs none)."""
    if len(word) < 3 or _NOT_IN_BORROWED & set(word) or zipf_frequency(word, "he") >= _RARE:
        return False
    index = _index()
    for prefix in _PREFIXES:
        rest = word[len(prefix) :]
        if not word.startswith(prefix) or len(rest) < 3 or rest.endswith(_ENDINGS):
            continue
        written = rest.translate(_HE_LETTERS)
        key = re.sub(r"(.)\1", r"\1", _CONSONANTS.sub("", written))
        if any(_aligned(written, s) for s in index.get(key, ())):
            return True
    return False


def hebrew_borrowed_names(text: str) -> list[tuple[int, int, float]]:
    """The words of ``text`` that spell a name of the census lists (:func:`spells_a_name`),
    each with the prefix written onto it. Chosen on he.train lines 400-2399: of the words
    no other rule took, 61 names, 53 other words and 20 places or clubs (Everton, Chelsea);
    names left there 41.0% -> 35.6%, precision 53.2% -> 52.2%, ordinary words kept 97.4%
    -> 97.2%. Checked on 2400-4399: 24 names, 44 other words, 12 places or clubs; names
    left 45.2% -> 41.7%, precision 37.4% -> 36.7%, kept 97.2% -> 97.0%. A threshold of
    Zipf 2.5 or 3 for a word without a prefix took one name more for two other words."""
    return [(m.start(), m.end(), 0.4) for m in _WORD.finditer(text) if spells_a_name(m.group(0))]
