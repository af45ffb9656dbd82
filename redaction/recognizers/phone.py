"""Phone numbers in international and national formats, found and validated by the
``phonenumbers`` library (Google's libphonenumber metadata) for many regions."""

from __future__ import annotations

import itertools
import re
from typing import Any

import phonenumbers
from presidio_analyzer import RecognizerResult

from redaction.recognizers.base import RuleRecognizer

REGIONS = (
    "US",
    "GB",
    "DE",
    "FR",
    "ES",
    "IT",
    "NL",
    "IN",
    "BR",
    "MX",
    "NG",
    "JP",
    "AU",
    "CA",
    "IE",
    "PL",
    "SE",
    "CN",
    "KR",
    "ZA",
    "AR",
    "TR",
    "RU",
    "UA",
    "GR",
    "IL",
    "SA",
    "AE",
    "EG",
    "TH",
    "VN",
    "ID",
    "PH",
    "PK",
    "TW",
    "HK",
    "PT",
    "CH",
    "AT",
    "BE",
)
_DIGITS = re.compile(r"\d")
# A letter of a script written without spaces may touch a number ("電話は090-..."): the
# borders below reject Latin letters and digits only. Hebrew joins a one-letter word to
# a number with a hyphen ("ל-052-1234567": to 052-...): a hyphen after a Hebrew letter
# opens a number.
_START = r"(?:(?<![A-Za-z0-9_+.-])|(?<=[\u05d0-\u05ea]-))"
_CANDIDATE = re.compile(_START + r"(?:\+|\(\+?)?\d[\d \t().\-－‐]{5,22}\d(?![A-Za-z0-9_-]|\.\d)")
# A date, a version or a span of years ("Zalando (2019-2024)", 1998–2003) is not a phone
# number even when libphonenumber accepts it (eight digits are a number in Hong Kong).
_NOT_PHONE = re.compile(
    r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}(?:[ T]\d{1,2}(?::\d\d)?)?$|^\d{1,3}\.\d{1,3}\.\d{1,3}(?:\.\d{1,3})?$"
    r"|^\(?(?:1[89]|20)\d\d[ \t]?[-–‐/][ \t]?(?:1[89]|20)\d\d\)?$"
)
# Digits grouped like a phone number: at least two separators, 7-15 digits.
_GROUPED = re.compile(
    _START
    + r"(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{1,5}(?:[\s.\-－‐]\d{2,5}){1,5}(?:\s?(?:x|ext\.?)\s?\d{1,5})?(?![A-Za-z0-9_]|-\d)"
)
_CUE = re.compile(
    r"(?i)\b(?:phone|tel|telephone|mobile|cell|fax|desk|office|call(?:\s+me)?(?:\s+on)?|"
    r"reach\s+me(?:\s+on|\s+at)?|whats\s?app|sms|text\s+me|answering\s+at|contact|registered"
    # "call me" in other languages: ruf mich an, erreichbar unter, llámame, appelle-moi,
    # chiamami, me liga, zadzwoń
    r"|ruf(?:en\s+sie)?\s+(?:mich|uns)\s+an|erreich(?:bar|en\s+(?:sie\s+)?(?:mich|uns))"
    r"(?:\s+unter)?|anrufen|ll[aá]mame|ll[aá]manos|appelle[sz]?-moi|appelez-nous|chiamami"
    r"|chiamaci|me\s+liga|liga\s+pra\s+mim|zadzwo[nń])\b[^\d+(]{0,14}$"
    r"|(?:電話|携帯|連絡先|电话|手机|联系|전화|연락처|휴대폰|โทร|тел|звоните|телефон|τηλ|טלפון|هاتف|اتصل)[^\d+(]{0,14}$"
)
_CUE_AFTER = re.compile(r"(?i)^[\s-]{0,3}(?:office|fax|mobile|cell|home|work|desk|tel|phone)\b")
_PLUS = re.compile(r"(?<![\d+])\+\d(?:[ .-]?\d){9,14}(?!\d)")
# After a phone cue, digits reach a person whether or not the number is valid (a digit
# short, an unassigned range, an internal extension, a pager): 5-15 digits in any grouping.
_PAGER_CUE = re.compile(
    r"(?i)\b(?:pager|beeper|bleep|ext\.?|extension|handy|mobil|telefon|tél\.?|móvil|celular|"
    r"тел\.?|телефон)\b[^\d+(]{0,14}$"
)
_CUED_DIGITS = re.compile(_START + r"\+?\(?\d[\d \t()./\-－‐]{3,22}\d(?![A-Za-z0-9_-]|\.\d)")


# A number spoken and written down in words (a voicemail's transcript: "five five five,
# two one two, three four five six"): seven or more digits said one by one ("oh" for
# zero, "double" before a repeated one)
_WORD_DIGIT = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|double|triple|\d)"
_SPOKEN = re.compile(
    rf"(?i)\b(?=[zotfsend\d]){_WORD_DIGIT}(?:[ \t]*[,.-]?[ \t]+{_WORD_DIGIT}){{6,14}}\b"
)  # (the lookahead on the first letters lets the search skip most words cheaply)
_WORD_VALUE = {
    w: i
    for i, w in enumerate(
        ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
    )
}


def _spoken_number(words: list[str]) -> bool:
    """Do the words say a number digit by digit, not a count ("one, two, three, four,
    five, six, seven")?"""
    values = [_WORD_VALUE.get(w, 0 if w == "oh" else -1) for w in words]
    digits = [v for v in values if v >= 0]
    steps = {b - a for a, b in itertools.pairwise(digits)}
    return len(digits) >= 6 and steps not in ({1}, {-1})


class WardenPhoneRecognizer(RuleRecognizer):
    """Valid phone numbers of any of :data:`REGIONS` (a leading ``+`` selects the
    region by its country code)."""

    ENTITY = "PHONE_NUMBER"

    def __init__(self, regions: tuple[str, ...] = REGIONS) -> None:
        super().__init__()
        self.regions = regions

    def analyze(
        self, text: str, entities: list[str] | None = None, nlp_artifacts: Any = None
    ) -> list[RecognizerResult]:
        found: dict[tuple[int, int], RecognizerResult] = {}
        for m in _SPOKEN.finditer(text):
            words = [w.lower() for w in re.findall(r"[A-Za-z]+|\d", m.group(0))]
            if _spoken_number(words):
                found[m.span()] = RecognizerResult(self.ENTITY, m.start(), m.end(), 0.6)
        if len(_DIGITS.findall(text)) < 5:
            return list(found.values())
        # Candidates first (one regex), then libphonenumber validation per region:
        # far cheaper than running its matcher over the whole text once per region.
        for m in _CANDIDATE.finditer(text):
            raw = m.group(0).rstrip(" .-")
            if sum(c.isdigit() for c in raw) < 7 or _NOT_PHONE.match(raw):
                continue
            if self._valid(raw):
                found[(m.start(), m.start() + len(raw))] = RecognizerResult(
                    self.ENTITY, m.start(), m.start() + len(raw), 0.9
                )
        for m in _GROUPED.finditer(text):
            raw = m.group(0)
            digits = sum(c.isdigit() for c in raw)
            seps = sum(c in " .-()" for c in raw.strip())
            if not 7 <= digits <= 15 or seps < 1 or _NOT_PHONE.match(raw):
                continue
            cued = bool(
                _CUE.search(text[max(0, m.start() - 30) : m.start()])
                or _CUE_AFTER.match(text[m.end() : m.end() + 12])
            )
            if cued or (seps >= 2 and (raw.startswith(("+", "(")) or seps >= 3)):
                found.setdefault(
                    (m.start(), m.end()), RecognizerResult(self.ENTITY, m.start(), m.end(), 0.6)
                )
        for m in _CUED_DIGITS.finditer(text):
            raw = m.group(0)
            digits = sum(c.isdigit() for c in raw)
            before = text[max(0, m.start() - 30) : m.start()]
            cued = bool((digits >= 7 and _CUE.search(before)) or _PAGER_CUE.search(before))
            if 5 <= digits <= 15 and cued and not _NOT_PHONE.match(raw):
                found.setdefault(
                    (m.start(), m.end()), RecognizerResult(self.ENTITY, m.start(), m.end(), 0.6)
                )
        for m in _PLUS.finditer(text):
            found.setdefault(
                (m.start(), m.end()), RecognizerResult(self.ENTITY, m.start(), m.end(), 0.6)
            )
        return list(found.values())

    def _valid(self, raw: str) -> bool:
        regions: tuple[str | None, ...] = (None,) if raw.startswith("+") else self.regions
        for region in regions:
            try:
                num = phonenumbers.parse(raw, region)
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_valid_number(num):
                return True
        return False
