"""Names written in lower case outside English, as chat writes them ("hola soy diego
hernández", "mój mąż paweł nowak zadzwoni", "меня зовут наталья", "tôi là nguyễn thị
lan"): nothing in the word's case says it is a name, so only a word that introduces a
person or says who the person is to the writer (I am, my name is, my husband, my
sister ...) makes a listed first name one. Chosen on prompts of our own; on the
development lines of es, pt, fr, de, pl and tr (12,000 sentences of edited text, where
names are capitalised) it takes no word."""

from __future__ import annotations

import re
from functools import lru_cache

from redaction.recognizers.names import (
    _one_word_names,
    dictionaries,
    first_name_frequency,
)
from redaction.wordfreq_safe import zipf_frequency

# what introduces a person or says who the person is to the writer, by language: "my
# name is", "(s)he is called", a form of address written in lower case before a first
# name (doña, dona), and "my" ("your", "his" in Spanish and Portuguese) with a kin word, a
# partner, a friend or a boss (a first name alone after it is a name) ...
# fmt: off
_NAMED_BY = {
    "es": r"me llamo|se llama|mi nombre es|doña|don|(?:mi|tu|su) (?:esposo|esposa|marido"
          r"|mujer|hermano|hermana|hijo|hija|novio|novia|madre|padre|mam[aá]|pap[aá]|amigo"
          r"|amiga|jefe|jefa|compañero|compañera)",
    "pt": r"me chamo|se chama|chama-se|meu nome [ée]|dona|(?:meu|minha|seu|sua) (?:marido"
          r"|esposa|mulher|irm[ãa]o|irm[ãa]|filho|filha|namorado|namorada|m[ãa]e|pai|amigo"
          r"|amiga|chefe)",
    "fr": r"je m['’]appelle|s['’]appelle|mon nom est|(?:mon|ma) (?:mari|femme|fr[èe]re"
          r"|s[œo]e?ur|fils|fille|copain|copine|m[èe]re|p[èe]re|ami|amie|chef|coll[èe]gue)",
    "it": r"mi chiamo|si chiama|il mio nome [èe]|(?:mio|mia) (?:marito|moglie|fratello"
          r"|sorella|figlio|figlia|ragazzo|ragazza|madre|padre|amico|amica|capo|collega)",
    "de": r"ich hei(?:ß|ss)e|(?:er|sie) hei(?:ß|ss)t|mein name ist|(?:mein|meine) (?:mann"
          r"|frau|bruder|schwester|sohn|tochter|freund|freundin|mutter|vater|chef|chefin"
          r"|kollege|kollegin)",
    "nl": r"ik heet|(?:hij|zij|ze) heet|mijn naam is|mijn (?:man|vrouw|broer|zus|zoon"
          r"|dochter|vriend|vriendin)",
    "pl": r"nazywam si[ęe]|nazywa si[ęe]|mam na imi[ęe]|ma na imi[ęe]|(?:m[óo]j|moja)"
          r" (?:m[ąa][żz]|[żz]ona|brat|siostra|syn|c[óo]rka|ch[łl]opak|dziewczyna|szef"
          r"|szefowa|kolega|kole[żz]anka)",
    "tr": r"benim ad[ıi]m|ad[ıi]m|kocam|e[şs]im|kar[ıi]m|karde[şs]im|abim|ablam|o[ğg]lum"
          r"|k[ıi]z[ıi]m|arkada[şs][ıi]m|patronum",
    "ru": r"меня зовут|(?:его|её|ее) зовут|мо[её] имя|мой (?:муж|брат|сын|друг|парень"
          r"|начальник)|моя (?:жена|сестра|дочь|подруга|девушка|начальница)",
    "uk": r"мене звати|(?:його|її) звати|моє ім['’]я|мій (?:чоловік|брат|син|друг|хлопець"
          r"|начальник)|моя (?:дружина|сестра|донька|подруга|дівчина)",
}
# ... and "I am", "it is", "here is", after which an adjective stands as often ("sono
# felice", "ich bin müde", "c'est clair"): there a first name counts with a listed
# family name after it, or alone when rare as a word of the language (Zipf under 3.5)
_IS = {
    "es": r"soy|aqu[ií] (?:es|habla)",
    "pt": r"sou|aqui [ée]",
    "fr": r"je suis|c['’]est|moi c['’]est",
    "it": r"sono|qui [èe]",
    "de": r"ich bin|hier ist",
    "nl": r"ik ben|hier is",
    "pl": r"jestem|tu|tu jest",
    "tr": r"ben",
    # not "это" / "я" in Russian and Ukrainian ("this is", "I"): вера, роман, лев are
    # words as well as names
}
# fmt: on
# an article or a form of address before the name (soy la ..., ich bin der ..., aqui é a
# ..., su mamá doña ...)
_ARTICLE = r"(?:(?:el|la|o|a|der|die|le|l['’]|doña|don|dona)[ \t]+)?"
_LOWER = r"[a-zß-öø-ÿā-žа-яёіїєґ'’]"
_PATTERNS = {
    lang: re.compile(
        rf"(?i:(?<![\w])(?:({_NAMED_BY.get(lang, '(?!)')})|{_IS.get(lang, '(?!)')}))[ \t,:]+"
        rf"{_ARTICLE}({_LOWER}{{3,}})(?:[ \t]+({_LOWER}{{3,}}))?(?![\w@])"
    )
    for lang in _NAMED_BY
}
# Vietnamese: "I am", "my name is", "my husband / wife / ... is", then a family name and
# the words of the name after it, up to a mark or a word that is none
_VI_INTRODUCED = re.compile(
    r"(?i:(?<!\w)(?:tôi là|tên tôi là|tôi tên là|tôi tên|tên là"
    r"|(?:chồng|vợ|anh|chị|em|bạn|con|mẹ|bố|ba) tôi(?: tên)? là))"
    r"[ \t]+([^\W\d_]+(?:[ \t]+[^\W\d_]+){0,3})"
)
# words that end the name: and, is, at, of, tenses, not, have, with, from, this, the
# particles of politeness, here, call, live, work, I, you, the kin words, person
# fmt: off
_VI_NOT_NAME = frozenset((
    "và", "là", "ở", "của", "đã", "sẽ", "đang", "không", "có", "được", "cho", "với", "từ",
    "tại", "này", "đó", "thì", "mà", "nhé", "nha", "ạ", "đây", "rồi", "gọi", "sống", "làm",
    "tôi", "bạn", "anh", "chị", "em", "người",
))
# fmt: on


@lru_cache(maxsize=1)
def _cyrillic_names() -> tuple[frozenset[str], frozenset[str]]:
    """(first names, family names) of Faker's ru_RU and uk_UA lists, in lower case."""
    first, last = _one_word_names("ru_RU", "uk_UA")
    return frozenset(n.lower() for n in first), frozenset(n.lower() for n in last)


@lru_cache(maxsize=16)
def _latin_names(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """(first names, family names): Faker's lists and nam_dict's first names given where
    ``lang`` is spoken, case-folded."""
    first, last = dictionaries()
    return first | first_name_frequency(lang).keys(), last


@lru_cache(maxsize=1)
def _vietnamese_family_names() -> frozenset[str]:
    return frozenset(n.lower() for n in _one_word_names("vi_VN")[1])


def introduced_in_lower_case(text: str, lang: str) -> list[tuple[int, int, float]]:
    """A first name in lower case after what names a person (:data:`_NAMED_BY`: my
    name is, my husband), with the family name after it when it is a listed one; after
    "I am", "it is" (:data:`_IS`) only with a listed family name or when rare as a word.
    A first name: listed for the language's countries (nam_dict) or in Faker's lists, and
    none of the language's most frequent words (Zipf 5.5: a verb or an
    article); in Russian and Ukrainian one of Faker's names; after what names a person,
    any word before a listed family name (a pet form: мой муж серёжа петров). In
    Vietnamese a listed family name and the words after it."""
    if lang == "vi":
        return _vietnamese(text)
    pattern = _PATTERNS.get(lang)
    if pattern is None or not any(c.islower() for c in text):
        return []
    first, last = _cyrillic_names() if lang in ("ru", "uk") else _latin_names(lang)
    known = first.__contains__
    out: list[tuple[int, int, float]] = []
    for m in pattern.finditer(text):
        named_by, name, family = m.group(1), m.group(2), m.group(3)
        if not name.islower() or zipf_frequency(name, lang) >= 5.5:
            continue
        listed_family = (
            family is not None
            and family.islower()
            and family in last
            and zipf_frequency(family, lang) < 5.5
        )
        if listed_family and (known(name) or named_by):
            # (after "my husband" a first name no list knows, a pet form: серёжа петров)
            out.append((m.start(2), m.end(3), 0.5))
        elif known(name) and (named_by or zipf_frequency(name, lang) < 3.5):
            out.append((m.start(2), m.end(2), 0.5))
    return out


def _vietnamese(text: str) -> list[tuple[int, int, float]]:
    out: list[tuple[int, int, float]] = []
    families = _vietnamese_family_names()
    for m in _VI_INTRODUCED.finditer(text):
        words = list(re.finditer(r"[^\W\d_]+", m.group(1)))
        if not words or words[0].group(0).lower() not in families:
            continue
        last = words[0]
        for w in words[1:]:
            if w.group(0).lower() in _VI_NOT_NAME:
                break
            last = w
        if last is not words[0]:  # a family name and at least one more word
            out.append((m.start(1), m.start(1) + last.end(), 0.5))
    return out
