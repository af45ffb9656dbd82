"""Names in every language: small NER models that Warden trains and ships
(``redaction/models/person-xx`` and three more, see :func:`person_models` and
:func:`seed_model_reads`), and the script of a text, which says whether it needs them.

Each shipped model is a spaCy pipeline for the multi-language class ``xx`` with one
component (``ner``, label ``PERSON``). Scripts written without spaces between words
(Chinese, Japanese, Korean syllables, Thai, Lao, Khmer, Myanmar) are cut into one token
per character, so that a name inside a run of characters ("김철수는", "田中さん") can be
tagged; every other script is cut at spaces and punctuation as spaCy does for ``xx``.
How it is trained, on what, and under which licences: ``training/person_model.py`` and
``redaction/models/DATA.md``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from redaction.matmul import use_numpy_matmul
from redaction.wordfreq_safe import zipf_frequency
from warden.errors import ConfigError

MODEL_DIR = Path(__file__).parent / "models" / "person-xx"
# The second model: the same licensed sets plus synthetic sentences in the scripts none of
# them shows; it reads the texts written in those scripts (see uses_scripts_model()).
SCRIPTS_MODEL_DIR = Path(__file__).parent / "models" / "person-xx-scripts"
# The third and fourth models: the first's data and architecture, each trained with
# another seed; a name any of them finds counts (see seed_model_reads()).
SEED_MODEL_DIRS = (
    Path(__file__).parent / "models" / "person-xx-seed7",
    Path(__file__).parent / "models" / "person-xx-seed11",
)
# Greek, Hebrew, Hangul, Devanagari
SCRIPTS_MODEL_FOR = re.compile(
    r"[\u0370-\u03ff\u1f00-\u1fff\u0590-\u05ff\uac00-\ud7af\u1100-\u11ff\u3131-\u318e"
    r"\u0900-\u097f]"
)

# Letters of scripts written without spaces between words: CJK ideographs, kana,
# Hangul syllables and jamo, Thai, Lao, Khmer, Myanmar.
UNSPACED = (
    "\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff\u1100-\u11ff\u3040-\u30ff"
    "\u3131-\u318e\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
    "\uff66-\uff9f"
)
_ONE = f"[{UNSPACED}]"
# A letter that is not Latin: any letter outside Basic Latin, Latin-1 and Latin Extended.
_NON_LATIN = re.compile(r"[^\W\d_A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
_NON_ASCII_LETTER = re.compile(r"[^\W\d_A-Za-z]")
_FIRST_LETTER = re.compile(r"[^\W\d_]")


def non_latin(text: str) -> bool:
    """Does the text hold a letter of a script other than Latin?"""
    return _NON_LATIN.search(text) is not None


def non_ascii_letters(text: str) -> bool:
    """Does the text hold a letter outside A-Z (ä, ł, ş, or another script)?"""
    return _NON_ASCII_LETTER.search(text) is not None


def customize_tokenizer(nlp: Language) -> None:
    """One token per character of the scripts in :data:`UNSPACED` (saved with the model)."""
    defaults = nlp.Defaults
    tokenizer: Any = nlp.tokenizer
    tokenizer.prefix_search = compile_prefix_regex([_ONE, *(defaults.prefixes or ())]).search
    tokenizer.suffix_search = compile_suffix_regex([_ONE, *(defaults.suffixes or ())]).search
    tokenizer.infix_finditer = compile_infix_regex([_ONE, *(defaults.infixes or ())]).finditer


def load_person_model(path: str | None = None) -> Language:
    """A shipped multi-language PERSON model (the first by default), loaded from the
    repository once per process, whichever way its folder is named; never downloads."""
    return _load_model((Path(path) if path else MODEL_DIR).resolve())


@cache
def _load_model(where: Path) -> Language:
    if not (where / "meta.json").is_file():
        raise ConfigError(
            f"the multi-language name model is missing at {where}; it ships with Warden "
            "(rebuild it with `python training/person_model.py`, see its docstring)."
        )
    return use_numpy_matmul(spacy.load(where))


def uses_scripts_model(text: str) -> bool:
    """Is ``text`` written in a script only the second model learned (Greek, Hebrew,
    Hangul, Devanagari)?"""
    return SCRIPTS_MODEL_FOR.search(text) is not None


# A word written in katakana (a foreign name is one): the name models read Japanese one
# character at a time and can stop inside one (ヤブロンス|キ), leaving a piece of the name.
_KATAKANA = re.compile(r"[ァ-ヶー]")


def whole_katakana_words(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` stretched to the whole katakana word each starts or ends inside."""
    if not spans or not _KATAKANA.search(text):
        return spans

    def kana(i: int) -> bool:
        return 0 <= i < len(text) and _KATAKANA.match(text, i) is not None

    out = []
    for a, b in spans:
        if kana(a):
            while kana(a - 1):
                a -= 1
        if kana(b - 1):
            while kana(b):
                b += 1
        out.append((a, b))
    return out


def person_models(text: str) -> tuple[bool, bool]:
    """Which of the first two name models read ``text``: (the first, the second).

    Greek, Hebrew, Hangul and Devanagari texts: the second (the first never saw those
    scripts), and the first as well when the language has no engine of its own. Other
    texts: the first, and the second as well when the language has no engine of its own
    (:data:`ENGINE_LANGUAGES`): there the second model is the second opinion an engine
    gives the others, and a name either model finds counts. Japanese has both models and
    its engine (:data:`BOTH_MODELS_AND_ENGINE`)."""
    second_script = uses_scripts_model(text)
    lang = language(text)
    both = lang not in ENGINE_LANGUAGES or lang in BOTH_MODELS_AND_ENGINE
    return (not second_script or both, second_script or both)


def seed_model_reads(text: str) -> bool:
    """Do the seed models (the third and the fourth) read ``text``, beside the first (given
    the first reads it)?

    Yes but in the scripts only the second model learned (Greek, Hebrew, Hangul,
    Devanagari) and in Japanese and Chinese. Models trained alike from different seeds
    miss different names. The third was chosen on lines no benchmark row measures, where
    it lowered the names left in nine of thirteen languages (Polish 18.1% -> 15.4%,
    Turkish 9.6 -> 8.6, Arabic 33.6 -> 31.0, German 14.0 -> 11.6, Ukrainian 16.5 -> 14.6,
    French 12.0 -> 10.8, Spanish 16.4 -> 15.4, Portuguese 29.8 -> 28.8, Thai 7.0 -> 6.6)
    and found no name in Greek, Hebrew, Japanese or Chinese; the fourth, on the same lines
    beside the first three, in eight of ten (Arabic 31.0 -> 26.5, Spanish 15.4 -> 13.7,
    Ukrainian 14.6 -> 13.1, Portuguese 28.8 -> 27.2; German 11.5 either way), and again on
    a second range (``redaction/models/DATA.md``)."""
    return not uses_scripts_model(text) and language(text) not in ("ja", "zh")


# What the shipped model learned from (development sets in ../shared/data/ner, see its
# README): for each file, the share of its lines, from the top, used for training. The
# rest of a file is held out and is what benchmarks/bench_redaction.py measures on;
# files not named here were never trained on (their licences forbid it or are unclear).
TRAINED_ON: dict[str, float] = {
    "ar.all": 0.7,  # CC BY-SA 3.0
    "de.dev": 0.7,  # CC BY 4.0
    "en.train": 1.0,  # CC BY 4.0 (en.dev, the same corpus's dev split, is held out whole)
    "ja.train": 0.7,  # CC BY-SA 4.0
    "ru.dev": 0.7,  # MIT
    "th.train": 0.7,  # CC BY 3.0
    "tr.train": 0.7,  # CC BY-SA 4.0
}


def held_out_from(stem: str, n_lines: int) -> int:
    """The first line of a development file that training did not see (0: none seen)."""
    share = TRAINED_ON.get(stem)
    return 0 if share is None else round(n_lines * share)


# The languages language() chooses among: those our users write most, and every language
# of the development sets.
LANGUAGES = [
    "en",
    "fr",
    "de",
    "es",
    "pt",
    "it",
    "nl",
    "pl",
    "tr",
    "vi",
    "ru",
    "uk",
    "el",
    "he",
    "ar",
    "ja",
    "zh",
    "ko",
    "th",
    "hi",
    "id",
    "sv",
    "da",
    "no",
    "fi",
    "cs",
    "ro",
    "hu",
]


_SURE = 0.9


@lru_cache(maxsize=1)
def _identifier() -> Any:
    """py3langid's model, decompressed in memory (its own loader writes a temporary file,
    which fails on a full disk)."""
    import io
    import lzma

    import numpy as np
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier
    from py3langid.modelio import _to_array

    with lzma.open(Path(MODEL_DIR) / MODEL_FILE) as src:
        buffer = io.BytesIO(src.read())
    with np.load(buffer, allow_pickle=False) as data:
        ident = LanguageIdentifier(
            np.asarray(data["ptc"]),
            np.asarray(data["pc"]),
            data["classes"].tolist(),
            _to_array(data["nextmove"]),
            data["out_feat"].tolist(),
            tk_row=_to_array(data["nextmove_row"]),
            norm_probs=True,
        )
    ident.set_languages(list(LANGUAGES))
    return ident


def language(text: str) -> str:
    """The language of a text (ISO 639-1), by py3langid's model shipped in its package,
    read from its first 2,000 characters; "en" for text with no letters, or for Latin
    text the model is not sure of (a short address or a list of names in an English
    prompt is not Finnish for holding "Lappeenranta"), unless the words say otherwise
    (:func:`_words_vote`)."""
    return _language(text[:2000])


# the Latin-script languages whose rules read their word frequencies
_VOTE_LANGUAGES = frozenset(("de", "es", "fr", "it", "nl", "pl", "pt", "tr"))
_VOTE_WORD = re.compile(r"[^\W\d_]{2,}")


def english_by_default(text: str) -> bool:
    """Did :func:`language` read ``text`` as English only because the model was not sure
    of any language (a short Latin text: "Ha , Mieciu !", "Jadziu ?")?"""
    return _reading(text[:2000])[1]


def _language(head: str) -> str:
    return _reading(head)[0]


@lru_cache(maxsize=65_536)
def _reading(head: str) -> tuple[str, bool]:
    """(the language of the text's head, whether it is English for want of a surer
    guess); one cache for both, as a text's head is a copy when the text is longer."""
    if not _FIRST_LETTER.search(head):
        return "en", False
    lang, prob = _identifier().classify(head)
    # another script says enough by itself: short Russian is still Russian to natasha
    if prob >= _SURE or non_latin(head) or (lang in _VOTE_LANGUAGES and _words_vote(head, lang)):
        return str(lang), False
    return "en", True


def _words_vote(head: str, lang: str) -> bool:
    """Do the words of a short text the model is unsure of say it is in ``lang``, its
    best guess: two words or more far more common in ``lang`` than in English (Zipf 1
    higher), and more than twice as many as the other way round ("Pan poseł Stec.",
    "Oui, c'est Margot.")? Chosen on pl.all 400-2799, fr.all 400-1199, es.train and
    pt.train 400-1999, de.dev 1938-2196, tr.train 3900-4999, uk.train 400-1199 and
    en.dev 400-1005 (names left fell by 6 in Polish and French, rose by 1 in
    Portuguese), checked on pl.all 2800-4999, fr.all 2400-2799, pt.train 2000-3599
    and es.train 2000-2799 (4 fewer names left)."""
    words = [w.lower() for w in _VOTE_WORD.findall(head)]
    freqs = [(small_zipf(w, lang), small_zipf(w, "en")) for w in words]
    ours = sum(1 for there, en in freqs if there > en + 1)
    english = sum(1 for there, en in freqs if en > there + 1)
    return ours >= 2 and ours > 2 * english


def small_zipf(word: str, lang: str) -> float:
    """The word's Zipf frequency in wordfreq's small list of ``lang`` (its words of Zipf 3
    or more, 0 for the others): the full lists of eight languages would hold 200 MB more
    in each process that reads only English logs."""
    return float(zipf_frequency(word, lang, wordlist="small"))


# Engines a package ships for one language, run on the texts of that language:
# Russian, Ukrainian and Belarusian by natasha (slovnet NER, MIT), Chinese by jieba's
# part-of-speech tags (nr*: person names, MIT), Japanese by GiNZA's NER (ja_ginza, MIT),
# Korean by kiwipiepy's proper nouns (Apache-2.0) with a family name or a title, French
# by Explosion's fr_core_news_sm NER (PER; LGPL-LR, its NER learned from WikiNER).

FRENCH_MODEL = "fr_core_news_sm"


@lru_cache(maxsize=1)
def _natasha() -> tuple[Any, Any]:
    from natasha import NewsEmbedding, NewsNERTagger, Segmenter

    return Segmenter(), NewsNERTagger(NewsEmbedding())


@lru_cache(maxsize=1)
def _ginza() -> Language:
    # NER only (it has its own tok2vec); Sudachi still splits the words
    return use_numpy_matmul(
        spacy.load(
            "ja_ginza",
            exclude=[
                "parser",
                "attribute_ruler",
                "morphologizer",
                "compound_splitter",
                "bunsetu_recognizer",
            ],
        )
    )


@lru_cache(maxsize=1)
def _french() -> Language:
    if not spacy.util.is_package(FRENCH_MODEL):
        raise ConfigError(
            f"spaCy model {FRENCH_MODEL!r} is not installed (Warden reads French names "
            "with it). `make` installs it, pinned by hash from requirements/spacy-model.txt; "
            "Warden never downloads models."
        )
    # NER only: its own tok2vec feeds it
    return use_numpy_matmul(
        spacy.load(
            FRENCH_MODEL,
            exclude=["morphologizer", "parser", "senter", "attribute_ruler", "lemmatizer"],
        )
    )


@lru_cache(maxsize=1)
def _kiwi() -> Any:
    from kiwipiepy import Kiwi

    return Kiwi()


@lru_cache(maxsize=64)
def _kiwi_tokens(text: str) -> list[Any]:
    """kiwipiepy's tokens of ``text``, read once: the Korean names and the pieces of a
    compound noun (:func:`korean_compound_noun`, once per span) read the same text."""
    return list(_kiwi().tokenize(text))


# Korean: a proper noun (kiwipiepy's NNP tag) is taken for a name when it has three
# syllables and starts with a common family name, or a title follows it.
KO_SURNAMES = frozenset(
    "김이박최정강조윤장임한오서신권황안송류유홍전고문양손배백허남심노하곽성차주우구나민진지엄"
    "채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉사부가"
    "복태목형계피두감음빈동온호범좌팽승간상시갈리"
)  # one syllable each; 리 is 이 (Lee, Li) as North Korea and Chinese names write it
KO_TITLES = tuple(
    [
        "씨",
        "님",
        "선수",
        "대통령",
        "교수",
        "의원",
        "장관",
        "감독",
        "회장",
        "사장",
        "기자",
        "박사",
        "총리",
        "위원장",
        "대표",
        "시장",
        "지사",
        "씨는",
        "씨가",
        "씨를",
        "씨의",
        # offices and ranks at work and in public life: 김 과장님, 박 부장, 정 의장
        "과장",
        "차장",
        "부장",
        "대리",
        "주임",
        "팀장",
        "실장",
        "본부장",
        "이사",
        "상무",
        "전무",
        "원장",
        "선생",
        "작가",
        "변호사",
        "판사",
        "검사",
        "의장",
        "후보",
        "수석",
        "원내대표",
        "최고위원",
        "권한대행",
        # heads of a university, a prosecution, a bank, a bureau or an office; deputy
        # prime minister
        "총장",
        "총재",
        "부총리",
        "국장",
        "단장",
        "처장",
        "청장",
        # the president-elect, the vice president, a justice, a presidential secretary, a
        # spokesperson; an elder called by family name (박 할머니)
        "당선인",
        "당선자",
        "부통령",
        "대법관",
        "비서관",
        "대변인",
        "할머니",
        "할아버지",
    ]
)
# the family names of two syllables (남궁 Namgung, 황보 Hwangbo, 제갈 Jegal, 선우 Seonu,
# 독고 Dokgo, 서문 Seomun): with a given name of two, a proper noun of four (남궁민서)
KO_TWO_SYLLABLE_SURNAMES = ("남궁", "황보", "제갈", "선우", "독고", "서문")
# titles only a person bears: a firm has a chairman (회장) and a party candidates (후보)
_KO_OFFICES = (
    "대통령",
    "부통령",
    "장관",
    "총리",
    "대법관",
    "당선인",
    "대변인",
    "감독",
    "선수",
    "교수",
    "박사",
    "기자",
    "작가",
    "씨",
)
# an office only a person holds after one word, the body the person heads (국방부 장관,
# 현대차그룹 회장): what follows a name, not a district (강남구 주민). Chosen on ko.all
# lines 400-2399 (3 names more, no other word), checked on 2400-4999 (1 more, none other)
_KO_OFFICE_AFTER_ONE_WORD = re.compile(
    r"[ \t]+[가-힣A-Za-z0-9·]+[ \t]+(?:장관|회장|대통령|총리|사장|대표|의장|총재|위원장|감독)"
)
# the last syllable of a proper noun that names a place (서울시, 강남구, 한강, 부산역,
# 세종로): a three-syllable proper noun so ended is no person (syllables that end given
# names as often, such as 동, 도, 원, 국, are not in the list)
_KO_PLACE_ENDS = frozenset("시구군읍면역항강산섬청로길관교")
# of those, the ones that end given names too (정몽구, 유희관, 송혜교); a word so ended is
# a place only when Korean writes it once in a million words or more: districts and
# buildings are written about (강남구, 서초구, 백악관: 3 to 17 in a million words), names
# of the less famous are not in wordfreq's list at all. Chosen on ko.all lines 400-4999
# (kiwipiepy's proper nouns of three syllables, opening with a family name, so ended
# and rarer than one in a million words: 17 names, a district and an unlabelled
# comedian; the place ends 산, 역, 군, 면 ... so gated took more places than names)
_KO_GIVEN_NAME_PLACE_ENDS = frozenset("구관교")


# an address around a district: a city or a province before it (용인시 기흥구, 부산
# 동래구), a neighbourhood, a road or a town after it, a particle or none on it (기흥구
# 구갈동, 동래구 온천동에서, 강남구 테헤란로 152)
_KO_ADDRESS_BEFORE = re.compile(r"([가-힣]+)[ \t]+$")
_KO_ADDRESS_AFTER = re.compile(
    r"[ \t]+([가-힣]*[가-힣0-9](?:동|로|길|읍|면))(?:에서|에|의|으로|로|은|는|이|가|을|를)?"
    r"(?![가-힣])"
)


def _ends_like_place(word: str, text: str = "", start: int = 0) -> bool:
    """Does ``word``, a proper noun of three syllables (at ``text[start:]`` when given),
    end like a place (서울시, 강남구) rather than a given name (이완구)?

    In an address, a word ending as a neighbourhood or a village does (동, 리; 읍 and 면
    end places anyway) is a place after another place (:func:`_after_place`: 강남구
    신사동, 송지면 송호리; on ko.all lines 400-4999 the proper nouns of three syllables
    opening with a family name after such a word were 13 places ending in 동, 읍, 면 or
    리 and no name), and a rare word ending like
    a district is a place with another place before it or a rare word ending as a
    neighbourhood, a road or a town does after it (동, 로, 길, 읍, 면; not 활동 "activity"
    or 반면 "whereas"): 용인시 기흥구, 부산 동래구, 기흥구 구갈동. 17 of Korea's
    districts are rarer than one in a million words (기흥구, 동래구, 원미구 ...)."""
    if text and word[-1] in "동리" and _after_place(text, start):
        return True
    if word[-1] not in _KO_PLACE_ENDS:
        return False
    freq = korean_frequencies()
    if word[-1] not in _KO_GIVEN_NAME_PLACE_ENDS or freq.get(word, 0.0) >= 1e-6:
        return True
    if not text:
        return False
    if _after_place(text, start):
        return True
    after = _KO_ADDRESS_AFTER.match(text, start + len(word))
    return after is not None and freq.get(after.group(1), 0.0) < 1e-5


def _after_place(text: str, start: int) -> bool:
    """Is the word before ``text[start:]`` a place: one of :func:`korean_places` (부산,
    경기도) or a proper noun ending as a city, a county, a district, a province, a town
    or a neighbourhood does (용인시, 달성군, 강남구, 옥포면)? Read in the 24 characters
    before ``start``, which hold any such word."""
    before = _KO_ADDRESS_BEFORE.search(text, max(0, start - 24), start)
    if before is None:
        return False
    # imported here: importing the recognizers package imports this module
    from redaction.recognizers.person.transliterated import korean_places

    place = before.group(1)
    return place in korean_places() or (
        place[-1] in "시군구도읍면동"
        and any(t.tag == "NNP" and t.form == place for t in _kiwi_tokens(text))
    )


# kiwipiepy's tags that end a word's stem: particles, endings, the copula, symbols
_KO_PARTICLE = ("J", "E", "VCP", "S")


def _korean_names(text: str) -> list[tuple[int, int]]:
    """Korean names from kiwipiepy's proper nouns (NNP):

    - a proper noun of three syllables with a family name first (not one that ends like
      a place) or of four with a family name of two (남궁민서), or of two to four
      syllables with a title, the vocative (지훈아) or the -이 of a given name among
      friends (수진이가) after it, or of five or six
      with an office no firm or party holds after it (크리스토퍼 장관);
    - a family name alone before a title (``김 과장님``; ``이 전 장관``, "former" between);
    - a name in a proper noun read with a title or a particle on it (``대표김대연``,
      ``허일영이``; :func:`_name_in_proper_noun`);
    - a three-syllable name kiwipiepy does not know, which it splits into a proper noun
      and pieces (``박|보|검과``), or into three syllables none of them a proper noun
      (:func:`_korean_syllable_names`)."""
    # imported here: importing the recognizers package imports this module
    from redaction.recognizers.person.transliterated import (
        korean_borrowed_names,
        korean_chinese_names,
    )

    toks = _kiwi_tokens(text)
    out: list[tuple[int, int]] = []
    for i, tok in enumerate(toks):
        if tok.tag != "NNP" or tok.len > 6:
            continue
        start, end = tok.start, tok.start + tok.len
        inner = _name_in_proper_noun(tok.form)
        if inner is not None and text[start:end] == tok.form:
            out.append((start + inner[0], start + inner[1]))
            continue
        after = text[end : end + 8].lstrip()
        if tok.len > 4:  # a long name of another language, before an office no firm or
            # party holds (크리스토퍼 장관; not 현대차그룹 회장, 새정치연합 후보들)
            if after.startswith(_KO_OFFICES) and _hangul(tok.form):
                out.append((start, end))
            continue
        nxt = toks[i + 1] if i + 1 < len(toks) and toks[i + 1].start == end else None
        if tok.len >= 2 and (
            (
                tok.len == 3
                and tok.form[0] in KO_SURNAMES
                and (
                    not _ends_like_place(tok.form, text, start)
                    # a given name ending like a district (정몽구, 한민구) before an office
                    # after the body it heads: 한민구 국방부 장관, 정몽구 현대차그룹 회장
                    or _KO_OFFICE_AFTER_ONE_WORD.match(text, end) is not None
                )
            )
            or (tok.len == 4 and tok.form.startswith(KO_TWO_SYLLABLE_SURNAMES))
            or after.startswith(KO_TITLES)
            # called by name (지훈아, 민수야) or by the -이 a given name takes among
            # friends and family (수진이가)
            or (nxt is not None and (nxt.tag == "JKV" or (nxt.tag == "XSN" and nxt.form == "이")))
        ):
            out.append((start, end))
            continue
        if tok.form[0] not in KO_SURNAMES or (start and "가" <= text[start - 1] <= "힣"):
            continue
        if tok.len == 1 and text[end : end + 1].isspace():
            if after.startswith("전 "):  # "former"
                after = after[1:].lstrip()
            if after.startswith(KO_TITLES):
                out.append((start, end))
            continue
        j, end = _three_syllables(toks, i + 1, start, end)
        name = text[start:end]
        if (
            len(name) == 3
            and _ends_word(toks, j, end)
            and _hangul(name)
            and not _ends_like_place(name, text, start)
        ):
            out.append((start, end))
    return (
        out
        + _korean_syllable_names(text, toks)
        + _korean_foreign_names(text, toks)
        + korean_borrowed_names(text, toks)
        + korean_chinese_names(text, toks)
        + _korean_given_names(text, toks)
        + _korean_name_before_title(text, toks)
        + _korean_name_after_role(text, toks)
        + korean_obituary_names(text)
    )


# the titles of two syllables or more, the longest first
_KO_LONG_TITLES = tuple(sorted((t for t in KO_TITLES if len(t) >= 2), key=len, reverse=True))
# the particles kiwipiepy may leave on a name it reads as a proper noun (허일영이, 장혜진의);
# not 도 and 을, which end words of places (함경남도, 서정마을)
_KO_NAME_PARTICLES = frozenset("이가은는의와과를에")


def _name_in_proper_noun(word: str) -> tuple[int, int] | None:
    """Where a name of three syllables opening with a family name lies in a proper noun
    kiwipiepy reads whole with more around it: a title of two syllables or more before it,
    as when a line break between an office and the next line's name is lost (대표김대연,
    기자김강석), or a particle after it (허일영이, 장혜진의) in a word of four syllables no
    word list knows. Chosen on ko.all lines 400-4999 (titles: 6 names, no other word;
    particles: 8 names, 3 other words, a dong, a group and a day's name)."""
    for title in _KO_LONG_TITLES:
        if word.startswith(title):
            name = word[len(title) :]
            if len(name) == 3 and name[0] in KO_SURNAMES and not _ends_like_place(name):
                return len(title), len(word)
            return None
    if (
        len(word) == 4
        and word[0] in KO_SURNAMES
        and word[-1] in _KO_NAME_PARTICLES
        and word[2] not in _KO_INSTITUTION_ENDS
        and not _ends_like_place(word[:3])
        and word not in korean_frequencies()
    ):
        return 0, 3
    return None


# a word of three Hangul syllables on its own, then a title: 민병호 비서관, 고창록 씨
_KO_WORD_BEFORE_TITLE = re.compile(r"(?<![가-힣\w])([가-힣]{3})[ \t]+(?=[가-힣])")
# the last syllable of an institution or a field (경영대, 국방부, 국문과, 공화당, 소속사,
# 사회학), to the places' above
_KO_INSTITUTION_ENDS = _KO_PLACE_ENDS | frozenset("대부과당사학차")
# kiwipiepy's tags of a piece that makes the word no name: a verb, an adjective, an
# adverb, a determiner, a particle or an ending (선정돼, 유력한, 어떻게, 정부와)
_KO_NOT_NOUN = ("V", "XSV", "XSA", "MAG", "MAJ", "J", "E")


def _korean_name_before_title(text: str, toks: list[Any]) -> list[tuple[int, int]]:
    """A word of three Hangul syllables on its own, opening with a family name, before a
    title (:data:`KO_TITLES`), that kiwipiepy cuts into common nouns (``민병|호
    비서관``): no piece a verb, an adjective, an adverb or a particle, the word not ending
    like a place or an institution. With the titles added beside it (부통령, 비서관,
    할머니 ...) and the long names before an office, chosen on ko.all lines 400-1599
    (names left 24.7% -> 23.3%, no other word taken), checked on 1600-2799 (23.7% either
    way, one other span: Einstein, unlabelled)."""
    out = []
    for m in _KO_WORD_BEFORE_TITLE.finditer(text):
        name = m.group(1)
        if (
            name[0] not in KO_SURNAMES
            or name[-1] in _KO_INSTITUTION_ENDS
            or not text.startswith(KO_TITLES, m.end())
        ):
            continue
        a, b = m.span(1)
        if any(a <= t.start < b and t.tag.startswith(_KO_NOT_NOUN) for t in toks):
            continue
        out.append((a, b))
    return out


# what only a person is, written before the name (가수 아이유, 미국 대통령 트럼프, 멤버
# 슬기): an occupation, an office, a rank of a royal house (not 회장 or 대표, which a
# firm's name follows as often, nor 전, "former" and "all")
_KO_ROLES = (
    "가수", "배우", "선수", "작가", "모델", "코치", "감독", "투수", "타자", "래퍼", "멤버",
    "개그맨", "개그우먼", "방송인", "아나운서", "기자", "교수", "대통령", "총리", "장관",
    "여사", "작곡가", "프로듀서", "셰프", "화가", "시인", "소설가", "공격수", "수비수",
    "미드필더", "골키퍼", "교황", "국왕", "여왕", "왕자", "공주", "대변인", "변호사", "박사",
    "의원",
)  # fmt: skip
_KO_AFTER_ROLE = re.compile(rf"(?<![가-힣])(?:{'|'.join(_KO_ROLES)}) ([가-힣]{{2,6}})")


def _korean_name_after_role(text: str, toks: list[Any]) -> list[tuple[int, int]]:
    """A proper noun (kiwipiepy's NNP) of two to six syllables right after what only a
    person is (:data:`_KO_ROLES`), the word ending with it or with a particle: a name of
    any origin, which no family name or title after it shows (가수 아이유, 대통령
    트럼프는). Chosen on ko.all lines 400-2399 (12 names more, no other word), checked on
    2400-4399 (10 more, none other)."""
    out = []
    for m in _KO_AFTER_ROLE.finditer(text):
        a = m.start(1)
        for i, tok in enumerate(toks):
            if tok.start != a or tok.tag != "NNP" or not 2 <= tok.len <= 6:
                continue
            b = a + tok.len
            if text[a:b] == tok.form and (
                _ends_word(toks, i + 1, b) or not "가" <= text[b : b + 1] <= "힣"
            ):
                out.append((a, b))
    return out


# a death notice: who died (별세) or whose father, mother, father-in-law ... died (부친상,
# 모친상, 장인상 ...), as the news lists them
_KO_MOURNING = (
    "별세", "본인상", "부친상", "모친상", "장인상", "장모상", "시부상", "시모상", "빙부상",
    "빙모상", "조부상", "조모상", "외조부상", "외조모상", "부인상", "남편상", "형님상",
    "누님상", "동생상", "아들상", "딸상",
)  # fmt: skip
# the words before such a term at the start of a notice's part (the text's start, after
# "]" of [부고], after "·", "▲", "■", "=", a comma or a slash): one to four words of one to
# four Hangul syllables, the term then a space, a mark or the end (not a particle:
# "그는 모친상을 당했다")
_KO_OBITUARY = re.compile(
    r"(?:^|(?<=[\]·▲■=,/\n]))[ \t]*((?:[가-힣]{1,4}(?:씨)?[ \t]+){1,4})"
    rf"(?:{'|'.join(sorted(_KO_MOURNING, key=len, reverse=True))})(?![가-힣])",
    re.M,
)
# the mark of a notice column: its header (부고, 부음, 訃告), or the bullet that opens
# each notice ("▲홍길동씨 별세 = ..."); without one, "원로 배우 별세" is a headline
_KO_NOTICE = re.compile(r"부고|부음|訃|▲")


def korean_obituary_names(text: str) -> list[tuple[int, int]]:
    """The names in a death notice (``[부고]홍길동 별세``, ``[부고]김철수 영희
    모친상·박민수 장인상``, ``▲홍길동씨 별세 = 홍철수 부친상``): in a text that holds a
    notice's mark (:data:`_KO_NOTICE`), each word of two syllables or more before a
    mourning term that opens a part of the notice, a given name alone too (the deceased's
    children are listed so), less a 씨 on it, but a title or a role (배우, 회장).

    Chosen on ko.all lines 400-4999: five notices there list 11 names, 7 of them left
    before; 5 of those are now taken, 이귀동 but its family name (kiwipiepy reads 이 after
    "]" as a particle, and a model's span is cut there), 영 of one syllable stays. No
    other word is taken (재민, a son the set leaves unlabelled, is a name)."""
    if not _KO_NOTICE.search(text):
        return []
    out = []
    for m in _KO_OBITUARY.finditer(text):
        for w in re.finditer(r"[가-힣]+", m.group(1)):
            a, b = m.start(1) + w.start(), m.start(1) + w.end()
            if text[a:b].endswith("씨") and b - a > 2:
                b -= 1
            # one syllable alone (영) is left: the Korean vetoes drop a lone syllable that
            # opens no family name, which is how "he" and the ends of words are dropped
            if b - a >= 2 and text[a:b] not in KO_TITLES and text[a:b] not in _KO_ROLES:
                out.append((a, b))
    return out


def korean_word_start(text: str, a: int, b: int) -> int:
    """Where a name model's span ``text[a:b]`` starts once the end of the word before it is
    given back: a span that starts inside kiwipiepy's token, or on a particle or an ending
    (the 서 of 에서: "부산에서 김철수와" gave "서 김철수"), starts at the next token that is
    neither (``a`` when none does before ``b``)."""
    toks = _kiwi_tokens(text)
    inside = any(t.start < a < t.start + t.len for t in toks)
    for t in toks:
        if t.start < a or t.start >= b:
            continue
        if t.start == a and not inside and not t.tag.startswith(("J", "E")):
            return a
        if not t.tag.startswith(("J", "E")) and (t.start > a or not inside):
            return int(t.start)
    return a


def korean_pieces(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """A name model's span of several Korean words cut into the names it may hold: each
    word less the particle or ending written onto it (경찰은: 경찰), a word the span ends
    inside taken whole if a proper noun (클 of 클린턴, 서 of 서울) and left if not, each
    piece dropped when it is one of Korean's frequent words
    (:func:`korean_common_word`); words left side by side with
    nothing given back between them stay one piece (a name of another language in two
    words, 마르코 벨리니). The models run a name into the words around it, or take a
    phrase for one ("한편 경찰은 사진": "meanwhile the police, the photo")."""
    toks = _kiwi_tokens(text)
    out: list[tuple[int, int]] = []
    joined = False  # may the next word join the last piece (nothing given back)?
    for m in re.finditer(r"\S+", text[a:b]):
        s, e = a + m.start(), a + m.end()
        stem = next(
            (t.start for t in toks if s < t.start < e and t.tag.startswith(_KO_PARTICLE)), e
        )
        # a span that ends inside kiwipiepy's token took the start of a word: a proper
        # noun's whole ("남편인 클" of 클린턴), any other word's none
        if "가" <= text[stem : stem + 1] <= "힣":
            cut = next((t for t in toks if t.start < stem < t.start + t.len), None)
            if cut is not None:
                stem = cut.start + cut.len if cut.tag == "NNP" else cut.start
        if stem <= s or korean_common_word(text[s:stem]):
            joined = False
            continue
        if joined and out:
            out[-1] = (out[-1][0], stem)
        else:
            out.append((s, stem))
        joined = stem == e
    return out


# what joins two names in Korean: "and" written onto the first (와, 과, 하고, 랑, 이랑), a
# hyphen or a comma (소지섭-성훈-헨리, 슬기, 규현이)
_KO_JOINERS = frozenset(("와", "과", "하고", "랑", "이랑", "-", ","))


def korean_conjuncts(text: str, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A proper noun (kiwipiepy's NNP) joined to a name found already by "and", a hyphen
    or a comma (예은과 혜림이, 아이유와 장기하가, 소지섭-성훈-헨리가): the other name, of
    two to six Hangul syllables, rare as a word (below Zipf 4 in wordfreq's Korean list),
    not ending like a place or an institution (이화여대, 성균관대), along a chain of them.
    Chosen on ko.all lines 400-2399 (names left 22.1% -> 21.4%, precision 62.5 -> 62.3,
    with :func:`korean_word_start`), checked on 2400-4999 (22.1 -> 21.4, 61.9 -> 61.8);
    "and" alone, without the hyphen and the comma, left 21.8 and 22.0."""
    toks = _kiwi_tokens(text)
    nouns = [
        i
        for i, t in enumerate(toks)
        if t.tag == "NNP" and 2 <= t.len <= 6 and _hangul(t.form.replace(" ", ""))
    ]
    freq = korean_frequencies()
    held = {
        i
        for i in nouns
        if any(s < toks[i].start + toks[i].len and toks[i].start < e for s, e in found)
    }
    out: list[tuple[int, int]] = []
    changed = True
    while changed:
        changed = False
        for i, j in pairwise(nouns):
            if j != i + 2 or toks[i + 1].form not in _KO_JOINERS:
                continue
            if toks[i + 1].start != toks[i].start + toks[i].len:  # written onto the first
                continue
            for have, other in ((i, j), (j, i)):
                t = toks[other]
                if (
                    have in held
                    and other not in held
                    and t.form[-1] not in _KO_INSTITUTION_ENDS
                    and not t.form.endswith("다")  # a verb's own form (자다: "to sleep")
                    and freq.get(t.form, 0.0) < 1e-5
                ):
                    held.add(other)
                    out.append((t.start, t.start + t.len))
                    changed = True
    return out


def _three_syllables(toks: list[Any], j: int, start: int, end: int) -> tuple[int, int]:
    """The tokens from ``toks[j]`` on that touch ``text[start:end]`` and each other, up to
    three syllables from ``start`` and not a particle: (the next token's index, the end)."""
    while (
        j < len(toks)
        and toks[j].start == end
        and end - start < 3
        and not toks[j].tag.startswith(_KO_PARTICLE)
    ):
        end = toks[j].start + toks[j].len
        j += 1
    return j, end


def _ends_word(toks: list[Any], j: int, end: int) -> bool:
    """Does a word end at ``end``: a space or a particle next, or nothing?"""
    return j == len(toks) or toks[j].start > end or toks[j].tag.startswith(_KO_PARTICLE)


# tags of a piece that makes a three-syllable word no name: a suffix (손님|들), a
# number or a bound noun after it (3조|원|대, 양|일|간), a proper noun (the rule above)
_KO_NOT_NAME_PIECE = ("XSN", "NR", "NNB", "SN", "NNP")


@lru_cache(maxsize=1)
def _korean_given_name_syllables() -> tuple[frozenset[str], frozenset[str]]:
    """The first and the second syllables of Faker's Korean given names of two (40 each:
    민, 서, 지 ...; 수, 준, 현 ...)."""
    from faker.providers.person.ko_KR import Provider

    names = [n for n in Provider.first_names if len(n) == 2]
    return frozenset(n[0] for n in names), frozenset(n[1] for n in names)


# the particles after which a proper noun of two syllables is read as a given name
_KO_GIVEN_NAME_PARTICLES = ("JKS", "JX", "JKO", "JKB", "JKG", "JC")


def _korean_given_names(text: str, toks: list[Any]) -> list[tuple[int, int]]:
    """A given name alone, as the news calls a singer or an actor (수지는, 정우가): a proper
    noun (kiwipiepy's NNP) of two syllables opening a word, a particle right after it, its
    first syllable one that opens a given name of Faker's Korean list and its second one
    that ends one, rare as a word (below Zipf 4 in wordfreq's Korean list), and no place
    (:func:`~redaction.recognizers.person.transliterated.korean_places`). Chosen on the
    counts of such words on ko.all lines 400-4999 (20 names, 3 other words); on 1200-3599
    names left 15.8% -> 15.6% and 15.7% -> 15.4%, one other span more."""
    from redaction.recognizers.person.transliterated import korean_places  # as above

    first, second = _korean_given_name_syllables()
    freq = korean_frequencies()
    places = korean_places()
    out = []
    for tok, nxt in pairwise(toks):
        a, b = tok.start, tok.start + tok.len
        word = text[a:b]
        if (
            tok.tag == "NNP"
            and len(word) == 2
            and word[0] in first
            and word[1] in second
            and not (a and "가" <= text[a - 1] <= "힣")
            and nxt.start == b
            and nxt.tag in _KO_GIVEN_NAME_PARTICLES
            and freq.get(word, 0.0) < 1e-5
            and word not in places
        ):
            out.append((a, b))
    return out


def _korean_syllable_names(text: str, toks: list[Any]) -> list[tuple[int, int]]:
    """A word of three Hangul syllables opening with a family name that kiwipiepy knows
    in no way but as three single syllables (``강|용|석의``, ``고|종|욱에게``,
    ``성|완|종도``): none a proper noun, a suffix, a number or a bound noun, not ending
    like a place, a particle or nothing after them. Chosen on ko.all lines 400-2799 (it
    takes 17 names there and no other word; with the whole pipeline, 7 names on
    400-1599 were left before; a limit on the word's frequency in wordfreq only lost
    names of the famous), checked on 2800-4999 (5 names more redacted, 3 other words
    taken: a district, a prize, a humidifier's output)."""
    out = []
    i = 0
    while i < len(toks):
        start = toks[i].start
        j, end = _three_syllables(toks, i, start, start)
        pieces = toks[i:j]
        name = text[start:end]
        if (
            len(name) == 3
            and len(pieces) == 3
            and name[0] in KO_SURNAMES
            and name[-1] not in _KO_PLACE_ENDS
            and _ends_word(toks, j, end)
            and not any(p.tag in _KO_NOT_NAME_PIECE for p in pieces)
        ):
            out.append((start, end))
        i = max(j, i + 1)
    return out


@lru_cache(maxsize=1)
def korean_frequencies() -> dict[str, float]:
    """wordfreq's Korean words and their frequencies, read straight from its list (its
    own lookup splits Korean words with MeCab, which Warden does not ship)."""
    from wordfreq import get_frequency_dict

    return get_frequency_dict("ko")


def korean_common_word(word: str) -> bool:
    """Is ``word`` of two Hangul syllables or more one of Korean's frequent words (Zipf 5
    or more in wordfreq's list: 현재 "now", 경우 "case", 한국, 사진 "photo")? The name
    models take such words for names; Korean names are far rarer as words (박근혜 4.7).
    Chosen on ko.all lines 400-2399 (61 spans on no name dropped, no name lost), checked on
    2400-4999 (84 dropped; one name lost, 이미, also "already")."""
    if len(word) < 2 or not _hangul(word):
        return False
    return korean_frequencies().get(word, 0.0) >= 1e-4  # Zipf 5: log10(f * 1e9) >= 5


def korean_compound_noun(text: str, a: int, b: int) -> bool:
    """Is ``text[a:b]`` one common noun (kiwipiepy's NNG) with another written onto it,
    a piece of a compound ("주민등록번호": resident, registration, number)? The name
    models take such a piece for a name."""
    toks = _kiwi_tokens(text)
    for i, tok in enumerate(toks[:-1]):
        if tok.start == a and tok.start + tok.len == b:
            nxt = toks[i + 1]
            return bool(tok.tag == "NNG" and nxt.start == b and nxt.tag == "NNG")
    return False


def _hangul(word: str) -> bool:
    return all("가" <= ch <= "힣" for ch in word)


# the last syllable of a place or a building, to the ones above: university, village
_KO_FOREIGN_VETO = _KO_PLACE_ENDS | frozenset("대동")


def _korean_foreign_names(text: str, toks: list[Any]) -> list[tuple[int, int]]:
    """Names of other languages written in Hangul, a given name and a family name (a
    foreign name has no Korean family name to go by): exactly two proper nouns (NNP) one
    space apart, each of two or more syllables and rare as a word (below Zipf 4 in
    wordfreq: not a country or a city everyone names), neither ending like a place, the
    pair ending the word (a particle may follow), not opening a quotation (titles of
    shows and albums are quoted). Chosen on ko.all lines 3300-4499, checked on
    4500-4999."""
    words: list[tuple[int, int, str]] = []  # kiwipiepy may tag two words as one NNP
    for tok in toks:
        if tok.tag == "NNP":
            at = tok.start
            for part in tok.form.split(" "):
                at = text.find(part, at)
                if at < 0:
                    break
                words.append((at, at + len(part), part))
                at += len(part)
    freq = korean_frequencies()
    particle = {tok.start for tok in toks if tok.tag.startswith(("J", "VCP"))}
    out = []
    for k in range(len(words) - 1):
        (a, b, first), (c, d, last) = words[k], words[k + 1]
        run = (k > 0 and text[words[k - 1][1] : a] == " ") or (
            k + 2 < len(words) and text[d : words[k + 2][0]] == " "
        )
        if (
            text[b:c] == " "
            and not run
            and all(len(w) >= 2 and _hangul(w) and freq.get(w, 0.0) < 1e-5 for w in (first, last))
            and first[-1] not in _KO_FOREIGN_VETO
            and last[-1] not in _KO_FOREIGN_VETO
            and not (a and text[a - 1] in "‘'“\"「『")
            and (d == len(text) or not _hangul(text[d]) or d in particle)
        ):
            out.append((a, d))
    return out


@lru_cache(maxsize=1)
def _jieba() -> Any:
    import logging

    import jieba
    import jieba.posseg

    # jieba caches its dictionary in the temporary folder and logs a traceback when it
    # cannot (a full disk): the cache only saves start-up time
    jieba.setLogLevel(logging.CRITICAL)
    return jieba.posseg


@lru_cache(maxsize=1)
def _opencc() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """Traditional characters as Simplified ones (OpenCC), so that jieba reads them: its
    dictionary and tagger know Simplified Chinese, and its tagger tries every state on a
    character it does not know (1,300 Traditional characters took 5.8 s here, 0.03 s
    converted). Only a conversion that keeps every character in its place is used (the
    names' offsets are the text's)."""
    simple: str = _opencc().convert(text)
    return simple if len(simple) == len(text) else text


ENGINE_LANGUAGES = frozenset({"ru", "uk", "be", "ja", "ko", "zh", "fr"})
# Languages read by both name models as well as by their engine. Japanese: chosen on the
# trained part of ja.train (names left 9.7% -> 6.9%, development data); the held-out part,
# measured once, 18.5% -> 17.1% of all 1,500 lines (16.1% -> 14.7% of the benchmark's 400),
# ordinary words kept 97.7% -> 97.4%. Russian: no gain on its trained part (0.2% left
# either way). The others have no development data to choose on (and Chinese lost too
# many ordinary words when every language had both).
BOTH_MODELS_AND_ENGINE = frozenset({"ja"})


# the engines that are spaCy pipelines: (the pipeline, the label of a person)
_SPACY_ENGINES: dict[str, tuple[Callable[[], Language], str]] = {
    "ja": (_ginza, "Person"),
    "fr": (_french, "PER"),
}


def language_persons_many(texts: list[str], lang: str) -> list[list[tuple[int, int]]]:
    """:func:`language_persons` of each text; the spaCy engines read them in batches
    (GiNZA: 100 Japanese sentences in 2.1 s instead of 3.3 s here, the same names)."""
    if lang not in _SPACY_ENGINES:
        return [language_persons(t, lang) for t in texts]
    engine, label = _SPACY_ENGINES[lang]
    return [
        [(e.start_char, e.end_char) for e in doc.ents if e.label_ == label]
        for doc in engine().pipe(texts, batch_size=64)
    ]


def language_persons(text: str, lang: str) -> list[tuple[int, int]]:
    """(start, end) of the names a language's own engine finds (none for other languages)."""
    if lang in ("ru", "uk", "be"):
        from natasha import Doc

        segmenter, tagger = _natasha()
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_ner(tagger)
        return [(sp.start, sp.stop) for sp in doc.spans if sp.type == "PER"]
    if lang in _SPACY_ENGINES:
        return language_persons_many([text], lang)[0]
    if lang == "ko":
        return _korean_names(text)
    if lang == "zh":
        return _chinese_names(text)
    return []


# Titles written after a family name alone (温先生, 刘经理), each a word of its own to jieba
_ZH_TITLES = frozenset(
    [
        "先生",
        "女士",
        "小姐",
        "老师",
        "教授",
        "医生",
        "大夫",
        "经理",
        "总经理",
        "主任",
        "书记",
        "律师",
        "院士",
        "博士",
        "师傅",
        "阿姨",
        "总监",
        "总裁",
        "董事长",
        "局长",
        "处长",
        "科长",
        "部长",
        "校长",
        "院长",
        "厂长",
        "市长",
        "县长",
        "省长",
        "记者",
        "老板",
        "同志",
        "同学",
    ]
)


def _chinese_names(text: str) -> list[tuple[int, int]]:
    """Chinese names by jieba's part of speech (``nr``: two characters or more), and a
    family name alone as jieba cuts it off before a title (温先生, 刘经理; not the 史 of
    历史老师, which jieba keeps in its word)."""
    words = [(p.word, p.flag) for p in _jieba().cut(simplified(text))]
    out, pos = [], 0
    for i, (word, flag) in enumerate(words):
        if flag.startswith("nr") and len(word) >= 2:
            out.append((pos, pos + len(word)))
        elif _given_name_after(words, i):
            out.append((pos, pos + 1 + len(words[i + 1][0])))
        elif (
            len(word) == 1
            and word in zh_family_names()
            and i + 1 < len(words)
            and words[i + 1][0] in _ZH_TITLES
        ):
            out.append((pos, pos + 1))
        pos += len(word)
    return out + _name_after_office(words)


# Offices and ranks written before a name (外长哈洛宁, 总经理包国富), and the words that may
# follow the name (说, 在, 表示, 今天 ...) or a verb of saying after a name opening a clause
_ZH_OFFICE_BEFORE = (
    "副总理|总理|首相|外长|外交部长|副总统|总统|副主席|主席|总书记|国王|女王|领袖|大使"
    "|总经理|经理|厂长|行长|市长|省长|县长|村长|校长|院长|局长|国务委员|委员长|秘书长"
    "|发言人|司令|将军|总裁|董事长|议长|团长|队长|教练|主教|部长"
)
_ZH_AFTER_NAME = (
    "说|在|表示|今天|昨天|近日|日前|举行|等|一行|的|和|与|对|也|已|将|坦言|指出|强调|认为"
    "|称|时|是|于|会见|向|到|访问|率|出席|主持|发表|同|及|则|还|就|并|被|曾|又|都|从|为"
    "|以|提出|宣布|介绍"
)
_ZH_OFFICES = frozenset(_ZH_OFFICE_BEFORE.split("|"))
_ZH_OFFICE_NAME = re.compile(
    rf"(?:{_ZH_OFFICE_BEFORE})([\u4e00-\u9fff]{{2,6}}?)(?={_ZH_AFTER_NAME}|[^\u4e00-\u9fff]|$)"
)
_ZH_SPEAKER = re.compile(
    r"(?:^|(?<=[，。；：！？“”「」\s]))([\u4e00-\u9fff]{2,5}?)"
    r"(?=说|表示|强调|指出|认为|坦言|称|回答|介绍|告诉)"
)
# jieba's tags of words no name holds: particles, prepositions, numerals and measure
# words, conjunctions, adverbs, pronouns, time and direction words, adverbial adjectives
# (a verb of one character may be part of a name: 包 of 包国富)
# fmt: off
_ZH_NOT_IN_NAME = frozenset({
    "p", "c", "r", "d", "uj", "ul", "u", "uz", "ud", "ug", "uv", "m", "q", "t", "f", "y",
    "e", "o", "zg", "ad",
})
# fmt: on


def _name_after_office(words: list[tuple[str, str]]) -> list[tuple[int, int]]:
    """A name jieba does not tag, read where the sentence frames it: after an office
    (芬兰外长哈洛宁举行, 总经理包国富坦言) up to a word that follows names, or opening a
    clause before a verb of saying (素帕猜强调). The name is whole words of jieba's cut,
    is no common word (Zipf under 3), and holds none of: a common word of two characters
    or more (Zipf 4 or more: 访华, 办公桌), a word whose tag no name has (自我检讨: a verb;
    和, 他, 就), an office (厂长倪卫东说 is read from the office). Chosen on zh.dev lines
    400-2317 (7 names found, 1 other word taken; 60 of the spans were names found
    already); Chinese has no unseen development range left to check it on."""
    text = "".join(w for w, _ in words)
    starts, pos = {}, 0
    for i, (w, _) in enumerate(words):
        starts[pos] = i
        pos += len(w)
    starts[pos] = len(words)
    out = []
    for pattern in (_ZH_OFFICE_NAME, _ZH_SPEAKER):
        for m in pattern.finditer(text):
            a, b = m.start(1), m.end(1)
            if a not in starts or b not in starts or zipf_frequency(m.group(1), "zh") >= 3:
                continue
            inner = words[starts[a] : starts[b]]
            if all(
                f not in _ZH_NOT_IN_NAME
                and w not in _ZH_OFFICES
                and not (f.startswith("v") and len(w) > 1)
                and (len(w) == 1 or zipf_frequency(w, "zh") < 4)
                for w, f in inner
            ):
                out.append((a, b))
    return out


_HAN_ONLY = re.compile(r"[\u4e00-\u9fff]+")
# jieba's tags of words that are no given name: punctuation, particles, prepositions,
# numerals and measure words, conjunctions, adverbs, pronouns, time and place words
# fmt: off
_ZH_NOT_GIVEN = frozenset({
    "x", "uj", "ul", "uz", "ud", "ug", "uv", "u", "p", "m", "q", "c", "d", "r", "y", "e",
    "o", "f", "t", "s", "zg",
})
# fmt: on


def _given_name_after(words: list[tuple[str, str]], i: int) -> bool:
    """Is ``words[i]`` a family name jieba tagged as a name (``nr``) on its own, with the
    given name after it as a word of one or two characters (孙 天佑, 朱 晨光)? Not after a
    numeral (a measure word: 三张), not before a very common word (韩 企业, "Korean
    firms"). Chosen on zh.dev lines 400-1199 (3 names found, 2 words taken), checked
    on 1200-2316 (8 found, 1 taken)."""
    word, flag = words[i]
    if len(word) != 1 or flag != "nr" or word not in zh_family_names() or i + 1 == len(words):
        return False
    given, tag = words[i + 1]
    return (
        1 <= len(given) <= 2
        and _HAN_ONLY.fullmatch(given) is not None
        and tag not in _ZH_NOT_GIVEN
        and (i == 0 or words[i - 1][1] != "m")
        and zipf_frequency(given, "zh") < 4.5
    )


@lru_cache(maxsize=1)
def zh_family_names() -> frozenset[str]:
    """The 150 most frequent one-character Chinese family names and the two-character ones
    (Faker's zh_CN list, MIT, ordered by frequency); rarer one-character names are common
    characters as often as names."""
    from faker.providers.person.zh_CN import Provider

    names = list(Provider.last_names)
    return frozenset(
        [n for n in names if len(n) == 1][:150]
        + [n for n in names if len(n) > 1]
        + list(_ZH_COMPOUND_FAMILY_NAMES)
    )


# the two-character family names of the Hundred Family Surnames that Faker's list lacks
# (司徒, 上官, 慕容 ...)
_ZH_COMPOUND_FAMILY_NAMES = (
    "司徒", "上官", "欧阳", "诸葛", "司马", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐",
    "夏侯", "长孙", "宇文", "轩辕", "端木", "独孤", "南宫", "西门", "呼延", "澹台", "公冶",
    "宗政", "濮阳", "淳于", "太叔", "申屠", "闻人", "赫连", "钟离", "拓跋", "司空", "万俟",
)  # fmt: skip
