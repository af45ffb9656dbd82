"""The rules of one language in its grammar, called by the language of the text
(``_name_forms``), and a name alone in a list of names (``_names_in_a_list``)."""

from __future__ import annotations

import re

from redaction.recognizers.names import (
    greek_first_names,
    opens_sentence,
    ukrainian_first_name_forms,
)
from redaction.recognizers.person.greek import _EL_WORD, _greek_after_article, _greek_borrowed_names
from redaction.recognizers.person.hebrew_arabic import (
    _arabic_introduced,
    _arabic_kin_names,
    _arabic_names,
    _arabic_speaker_and_office,
    _hebrew_foreign_family_names,
    _hebrew_introduced,
    _hebrew_names,
    _hebrew_speaker_and_office,
)
from redaction.recognizers.person.lower_case import introduced_in_lower_case
from redaction.recognizers.person.polish import (
    _polish_addressed,
    _polish_first_names,
    _polish_lexicon_names,
    _polish_speaker_and_office,
    _polish_subject,
    _polish_with,
)
from redaction.recognizers.person.scripts import _thai_listed_names
from redaction.recognizers.person.transliterated import hebrew_borrowed_names
from redaction.recognizers.person.western import _french_speaker_and_subject, _portuguese_subject
from redaction.wordfreq_safe import zipf_frequency

# Family names by their form, where a language builds them from a few endings (any case
# of the noun): Polish -ski/-cki/-dzki and -wicz, Greek -όπουλος, -ίδης/-άδης, -άκης and
# -όγλου (and the women's forms -οπούλου, -ίδου/-άδου).
_PL_FAMILY = re.compile(
    r"(?<![\w.])[A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż]{2,}"
    r"(?:[sc]k|dzk)(?:i|a|iego|iej|im|ą|ich|imi)(?![\w])"
    r"|(?<![\w.])[A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż]{2,}wicz(?:a|owi|em|u|owie|ów)?(?![\w])"
)
_EL_FAMILY = re.compile(
    r"(?<!\w)[Α-ΩΆΈΉΊΌΎΏ][α-ωάέήίόύώϊϋΐΰ]{2,}"
    r"(?:[οό]πουλ(?:ος|ου|ο|ε|οι|ων)|οπούλου|[ίά]δη[ςν]?|ιάδη[ςν]?|[ίά]δου|άκη[ςν]?|όγλου)(?!\w)"
)
# Ukrainian: -енко (not declined), -ук/-юк and -ич with the endings of the noun, -ський/
# -цький with those of the adjective
_UK_FAMILY = re.compile(
    r"(?<!\w)[А-ЯІЇЄҐ][а-яіїєґ'’]{2,}"
    r"(?:енко|[юу]к(?:а|у|ові|ом|еві|ем)?|ич(?:а|у|еві|ем)?"
    r"|[сц]ьк(?:ий|ого|ому|им|ім|а|ої|ій|у|ою))(?!\w)"
)
_UK_WORD = re.compile(r"(?<!\w)[А-ЯІЇЄҐ][а-яіїєґ'’]{2,}(?!\w)")


def _name_forms(text: str, lang: str) -> list[tuple[int, int, float]]:
    """The rules of one language, in its grammar: Polish, Ukrainian and Greek family
    names by their endings, and Greek and Ukrainian first names from Faker's el_GR and
    uk_UA lists in their case forms (Γιάννης, Γιάννη; Ірина, Іриною) inside a sentence;
    Polish and French speakers and subjects, Portuguese subjects, Polish offices, names
    after "with" and names addressed between commas;
    Hebrew, Arabic and Thai names from their lists, Hebrew and Arabic speakers and
    offices; and in eleven languages a first name in lower case after what introduces a
    person (:func:`introduced_in_lower_case`)."""
    out: list[tuple[int, int, float]] = introduced_in_lower_case(text, lang)
    if lang == "pl":
        out += [(m.start(), m.end(), 0.5) for m in _PL_FAMILY.finditer(text)]
        out += _polish_first_names(text)
        out += _polish_speaker_and_office(text)
        out += _polish_subject(text)
        out += _polish_with(text)
        out += _polish_addressed(text)
        out += _polish_lexicon_names(text)
    if lang == "uk":
        out += [(m.start(), m.end(), 0.5) for m in _UK_FAMILY.finditer(text)]
        names = ukrainian_first_name_forms()
        for m in _UK_WORD.finditer(text):
            if m.group(0) in names and not opens_sentence(text, m.start()):
                out.append((m.start(), m.end(), 0.5))
    if lang == "fr":
        out += _french_speaker_and_subject(text)
    if lang == "pt":
        out += _portuguese_subject(text)
    if lang == "he":
        out += _hebrew_names(text)
        out += _hebrew_speaker_and_office(text)
        out += hebrew_borrowed_names(text)
        out += _hebrew_foreign_family_names(text)
        out += _hebrew_introduced(text)
    if lang == "ar":
        out += _arabic_names(text)
        out += _arabic_speaker_and_office(text)
        out += _arabic_kin_names(text)
        out += _arabic_introduced(text)
    if lang == "th":
        out += _thai_listed_names(text)
    if lang == "el":
        out += [(m.start(), m.end(), 0.5) for m in _EL_FAMILY.finditer(text)]
        out += _greek_borrowed_names(text)
        out += _greek_after_article(text)
        names = greek_first_names()
        words = list(_EL_WORD.finditer(text))
        for i, m in enumerate(words):
            w = m.group(0)
            forms = (w, w + "ς", w[:-1], w[:-2] + "ος" if w.endswith("ου") else w)
            if (
                len(w) >= 4
                and any(f in names for f in forms)
                and not opens_sentence(
                    text,
                    m.start(),
                    '.!?:;"«»“(\n',  # ";" asks a question in Greek
                )
            ):
                # the capitalised word right after a first name is the family name
                # (Σωκράτης Φάμελλος, τον Αλέξη Τσίπρα)
                nxt = words[i + 1] if i + 1 < len(words) else None
                end = nxt.end() if nxt and text[m.end() : nxt.start()] == " " else m.end()
                out.append((m.start(), end, 0.5))
    return out


_LIST_SEP = re.compile(r"[ \t]*[,،、;][ \t]*")
_LIST_LINE = re.compile(r"[^\n.!?:()]+")


def _names_in_a_list(
    text: str, lang: str, found: list[tuple[int, int]]
) -> list[tuple[int, int, float]]:
    """A name alone in a list of names: in a run of three or more items of one to three
    words between commas (within a sentence, not across brackets), where two or more
    items and at least half of them hold a name found already, the other items whose
    words are no common words of the language and hold no digit ("Ana Ruiz, Gorostiza,
    Pilar Vidal"). Chosen on ar.all's held-out lines after the 400 measured, el.train
    1000-1399 and he.train 2000-2399."""
    out: list[tuple[int, int, float]] = []
    for line in _LIST_LINE.finditer(text):
        bounds, pos = [], line.start()
        for sep in _LIST_SEP.finditer(text, line.start(), line.end()):
            bounds.append((pos, sep.start()))
            pos = sep.end()
        bounds.append((pos, line.end()))
        run: list[tuple[int, int]] = []
        for a, b in [*bounds, (0, 0)]:
            if b > a and 1 <= len(text[a:b].split()) <= 3:
                run.append((a, b))
                continue
            held = [any(s < b_ and a_ < e for s, e in found) for a_, b_ in run]
            if len(run) >= 3 and sum(held) >= 2 and sum(held) * 2 >= len(run):
                out += [
                    (a_, b_, 0.5)
                    for (a_, b_), h in zip(run, held, strict=True)
                    if not h
                    and not any(c.isdigit() for c in text[a_:b_])
                    and all(zipf_frequency(w.lower(), lang) < 4.0 for w in text[a_:b_].split())
                ]
            run = []
    return out
