"""Polish names: speakers and holders of an office, subjects, names after "with",
listed first names in their case forms, and words the grammatical dictionary of Polish
(SGJP, read by Morfeusz 2) knows only as names."""

from __future__ import annotations

import re
from functools import lru_cache

from redaction.multilingual import small_zipf
from redaction.recognizers.names import (
    dictionaries,
    opens_sentence,
    place_names,
    polish_first_name_forms,
    polish_name_only,
    polish_name_or_noun,
)
from redaction.recognizers.person.common import _uncommon_group
from redaction.wordfreq_safe import zipf_frequency

_PL_WORD = re.compile(r"(?<![\w.])[A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż]{2,}(?![\w])")


# a verb of saying (a final "a" makes the -ł forms of the first list feminine), an adverb
# or two, then the speaker: "- odparł Witkowski", "mruknęła cicho Bogna"
_PL_SPEAKER = re.compile(
    r"(?<!\w)(?:(?:powiedział|odpowiedział|odparł|odrzekł|rzekł|zapytał|spytał|oznajmił"
    r"|dodał|stwierdził|wyjaśnił|zawołał|przerwał|potwierdził|zauważył|zaprotestował"
    r"|mruknął|mruknęła|krzyknął|krzyknęła|szepnął|szepnęła|westchnął|westchnęła"
    r"|burknął|burknęła|warknął|warknęła|huknął|huknęła|jęknął|jęknęła)(?:a)?"
    # the present tense of reported speech, and more of the past ("- mówi Rokita")
    r"|mówi|mówią|dodaje|dodają|opowiada|opowiadają|odpowiada|pyta|tłumaczy|wyjaśnia"
    r"|przyznaje|twierdzi|zapewnia|uśmiecha się|śmieje się|podkreśla|zauważa|stwierdza"
    r"|wspomina|ocenia|komentuje|przekonuje|zaznacza|wzdycha|krzyczy|woła|szepcze|kwituje"
    r"|tłumaczył|tłumaczyła|opowiadał|opowiadała|wspominał|wspominała|przekonywał"
    r"|przekonywała|przyznał|przyznała|uśmiechnął się|uśmiechnęła się)"
    r"(?:[ \t]+[a-ząćęłńóśźż]+){0,2}?[ \t]+"
    r"([A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż]{2,}(?:[ \t]+[A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż]{2,})?)(?!\w)"
)

# an office, a rank or a title in any case (porucznik, kapitanem, trenera, prezesa), then
# the capitalised name: "porucznik Szczypa", "przed kapitanem Baniakiem"
# fmt: off
_PL_ROLES = (
    "porucznik", "podporucznik", "kapitan", "major", "pułkownik", "podpułkownik", "generał",
    "sierżant", "kapral", "szeregowy", "plutonowy", "chorąży", "wachmistrz", "rotmistrz",
    "admirał", "hetman", "komendant", "komisarz", "inspektor", "aspirant", "doktor",
    "profesor", "docent", "inżynier", "mecenas", "adwokat", "prokurator", "dyrektor",
    "prezes", "kierownik", "redaktor", "trener", "minister", "premier", "prezydent",
    "senator", "poseł", "marszałek", "wojewoda", "burmistrz", "starosta", "sołtys", "wójt",
    "naczelnik", "radca", "biskup", "kardynał", "król", "książę", "hrabia", "baron",
)
# fmt: on
_PL_ROLE = re.compile(
    rf"(?<![\w-])(?i:{'|'.join(_PL_ROLES)})(?:a|owi|em|ie|u|y|owie|ów|om|ami|ach)?[ \t]+"
    r"([A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż]{2,}(?:[ \t]+[A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż]{2,})?)(?!\w)"
)


def _polish_speaker_and_office(text: str) -> list[tuple[int, int, float]]:
    """The speaker named after a verb of saying, unless the word is a common one ("Pan",
    "Bóg" stay to the name models); and a name after the office, rank or title it holds,
    in any case (porucznik Szczypa, trenera Piechniczka), unless it is a common word.
    The office was chosen on pl.all 1200-1999 and 4100-4999 (names left 73 -> 68, 2 more
    spans on no name: a club and a country after their coach and president), checked
    on 2800-3299 and 3300-4099 (no change). A listed first name counts however common
    (- uśmiecha się Paweł); it and the present tense were chosen on pl.all 400-1999 and
    4100-4999 (4 names found, 1 other word taken: a reader), checked on 2000-4099 (no
    change)."""
    return _uncommon_group(text, (_PL_SPEAKER, _PL_ROLE), "pl", 4.0, _first_names_and_forms())


@lru_cache(maxsize=1)
def _first_names_and_forms() -> frozenset[str]:
    """The listed first names and their Polish case forms, joined once (5 ms a time)."""
    return dictionaries()[0] | polish_first_name_forms()


# a capitalised word, a few small words (not, oneself, already, will...), then a verb in
# the past tense, third person singular (-ł, -ła): "Adamek nie zdążył", "Zani zrzucił"
_PL_SUBJECT = re.compile(
    r"(?<![\w.])([A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż]{2,})"
    r"(?:[ \t]+(?:nie|się|zaś|już|też|tylko|jednak|wtedy|nagle|będzie|był|była|to))*"
    r"[ \t]+[a-ząćęłńóśźż]{2,}ła?(?!\w)"
)


def _polish_subject(text: str) -> list[tuple[int, int, float]]:
    """The subject of a verb in the past tense when it is a listed first name or no
    common Polish word (a common noun opening a sentence stays: "Kierowca zatrzymał się").
    Chosen on pl.all lines 2000-2399, checked on 2400-2799."""
    return _uncommon_group(text, (_PL_SUBJECT,), "pl", 4.0, polish_first_name_forms())


# someone addressed by name, between commas or after the dash that opens a line of
# dialogue, and before a comma or the end of the sentence: "Nie płacz, Wisienko.",
# "- Pikularus, drefisz!", "Wszystko ci trzeba, Korniakt, tłumaczyć"
_PL_NAME_WORD = r"([A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż]{2,})"
_PL_ADDRESSED = (
    re.compile(rf"(?m),[ \t]+{_PL_NAME_WORD}[ \t]*(?=,|[.!?…]+[ \t]*(?:$|[-—–\"”]))"),
    re.compile(rf"(?m)^[ \t]*[-—–][ \t]+{_PL_NAME_WORD}[ \t]*(?=,)"),
)


def _polish_addressed(text: str) -> list[tuple[int, int, float]]:
    """Someone addressed by name (:data:`_PL_ADDRESSED`): a listed first name in any case
    form, or a word rare in Polish (Zipf under 3.0), no place GeoNames knows. Chosen on
    pl.all 400-2799 (names left 9.8% -> 9.2%, precision unchanged), checked on pl.all
    2800-4999 (9.0% -> 8.8%; one other word taken: "Czytelniku", the reader addressed)."""
    found = _uncommon_group(text, _PL_ADDRESSED, "pl", 3.0, _first_names_and_forms())
    return [(a, b, s) for a, b, s in found if text[a:b].casefold() not in place_names()]


# "with" and a name in the instrumental (-em, -ą), perhaps after "Mr", "son" ...: "z
# Tomkiem", "z panem Wassermannem", and a second such word after it (the family name)
_PL_WITH = re.compile(
    r"(?<!\w)[Zz]e?[ \t]+(?:(?:panem|panią|księdzem|doktorem|profesorem|kolegą|synem|córką"
    r"|żoną|mężem|bratem|siostrą)[ \t]+)?([A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż]{2,}(?:em|ą))"
    r"(?:[ \t]+([A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż]{2,}(?:em|ą)))?(?!\w)"
)


def _polish_with(text: str) -> list[tuple[int, int, float]]:
    """A name after "with" in the instrumental (spotkać się z Tomkiem, z Oksaną), when
    it is no common Polish word (Zipf under 3.5) and no place the gazetteer knows in the
    nominative (z Wrocławiem). Chosen on pl.all 400-1999 and 4100-4999 (5 names found, 2
    other words taken: a country and a state that was, Białoruś and Jugosławia, whose
    Polish names the gazetteer does not hold), checked on 2000-4099 (3 found, none
    taken)."""
    out = []
    for m in _PL_WITH.finditer(text):
        word = m.group(1).lower()
        if word.endswith("ą"):
            nominative = {word[:-1] + "a"}
        else:  # Wrocławiem: Wrocław (-iem) or a stem in -i (-em)
            nominative = {word[:-2], word[:-3]} if word.endswith("iem") else {word[:-2]}
        if zipf_frequency(word, "pl") >= 3.5 or nominative & place_names():
            continue
        second = m.group(2) and zipf_frequency(m.group(2).lower(), "pl") < 3.5
        out.append((m.start(1), m.end(2) if second else m.end(1), 0.5))
    return out


# a word in capitals, five letters or more (fewer: an acronym, NATO, NIK)
_PL_CAPS_WORD = re.compile(r"(?<![\w.])[A-ZĄĆĘŁŃÓŚŹŻ]{5,}(?!\w)")
# an abbreviation before a number: "Art. 68", "Poz. 3"
_BEFORE_NUMBER = re.compile(r"[ \t]?\.[ \t]?\d")


def _polish_lexicon_names(text: str) -> list[tuple[int, int, float]]:
    """A capitalised word that Polish's grammatical dictionary (SGJP, read by Morfeusz 2)
    knows only as a first or family name, in any case form, wherever it stands ("Religa
    sądzi", "do Heleny", "u Gontarczyków", "Piotrek"), unless an abbreviation before a
    number ("Art. 68"). Chosen on pl.all lines 400-2799 (26 names found, 7 other words
    taken: firms, clubs and a street named after people), checked on 2800-4999 (30
    found, 4 taken, three of them "Art." before an article's number: the exception for
    an abbreviation came from that check range, and takes nothing else there). A word
    of five letters or more in capitals too, as a play names who speaks ("KLARA
    śmiejąc się"): 3 names found on 400-4999, nothing else taken. And a family name that
    is also a rare noun, inside a sentence (:func:`_polish_surname_inside`)."""
    out = []
    for m in _PL_WORD.finditer(text):
        if (
            polish_name_only(m.group(0)) and not _BEFORE_NUMBER.match(text, m.end())
        ) or _polish_surname_inside(text, m):
            out.append((m.start(), m.end(), 0.5))
    for m in _PL_CAPS_WORD.finditer(text):
        if polish_name_only(m.group(0)):
            out.append((m.start(), m.end(), 0.5))
    return out


# the Latin-script languages wordfreq lists whose common words a name-only word of
# Polish must not be
_SHORT_TEXT_LANGUAGES = ("en", "de", "es", "fr", "it", "nl", "pt", "tr")


def _polish_names_in_short_text(text: str) -> list[tuple[int, int, float]]:
    """In a short Latin text read as English for want of a surer guess ("Ha , Mieciu !",
    "Jadziu ?"): a capitalised word SGJP knows only as a first or family name, rare (Zipf
    under 3, which wordfreq's small lists tell) in English and in the other Latin-script
    languages Warden reads. Chosen on the texts so read in pl.all lines 400-4999,
    pt.train, es.train and fr.all 400-2799, de.dev 0-1537, tr.train 3900-4999, en.dev
    400-1005 and en.train (by the sets' labels: 7 Polish names and a Czech one, 2 other
    words, Bagan and Urda); with the whole pipeline, 2 names more redacted on pl.all
    400-2799 and 1 on 2800-4999, no other word."""
    out = []
    for m in _PL_WORD.finditer(text):
        word = m.group(0)
        # SGJP first: it knows few of the words, wordfreq is asked in eight languages
        if polish_name_only(word) and (
            max(small_zipf(word.lower(), lang) for lang in _SHORT_TEXT_LANGUAGES) < 3.0
        ):
            out.append((m.start(), m.end(), 0.5))
    return out


def _polish_surname_inside(text: str, m: re.Match[str]) -> bool:
    """A family name that is also a rare common noun, capitalised inside a sentence and
    not before another capitalised word (a firm or an office: "Związku Sybiraków"):
    SGJP reads it as a name and as a noun only, and the noun is rare in Polish (Zipf
    under 3.5): "zarzutów Nowaka", "wypowiedź Rydzyka", "u Weberów". Chosen on pl.all
    lines 400-2799 (2 names more, 4 other words), checked on 2800-4999 (3 names more,
    none other)."""
    word = m.group(0)
    return (
        not opens_sentence(text, m.start(), '.!?:"„”—–-(\n')
        and not text[m.end() :].lstrip()[:1].isupper()
        and polish_name_or_noun(word)
        and zipf_frequency(word.lower(), "pl") < 3.5
    )


def _polish_first_names(text: str) -> list[tuple[int, int, float]]:
    """First names in a case form other than the nominative (Polish nouns are in lower
    case, so a capitalised word inside a sentence is a proper noun): any listed first
    name so declined before another capitalised word ("Jadwigi Wierzbickiej"), and the
    Polish locale's first names so declined alone inside a sentence ("z Markiem")."""
    out: list[tuple[int, int, float]] = []
    words = list(_PL_WORD.finditer(text))
    everyone, polish = polish_first_name_forms(), polish_first_name_forms("pl")
    for i, m in enumerate(words):
        w = m.group(0).casefold()
        if w not in everyone:
            continue
        nxt = words[i + 1] if i + 1 < len(words) else None
        if nxt is not None and not text[m.end() : nxt.start()].strip():
            out.append((m.start(), nxt.end(), 0.5))
        elif w in polish and not opens_sentence(text, m.start()):
            out.append((m.start(), m.end(), 0.5))
    return out
