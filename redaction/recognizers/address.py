"""Street addresses: a house number and a street name with a street-type word in many
languages (Street, Avenue, Calle, Rua, rue, Via, -straße, -vej, -gatan, -katu, út,
...), the unit (Apt, Suite, Box), US military addresses (PSC ... APO AE 12345),
a US state with its ZIP code, a country or city named by NER followed by a postcode,
and a city and postcode after the street. A house number just before a street
found is taken in too."""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import RecognizerResult

from redaction.recognizers.base import Rule, RuleRecognizer

_SUFFIX = (
    r"Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Drive|Dr|Boulevard|Blvd|Way|Court|Ct|Place|Pl|"
    r"Terrace|Close|Crescent|Square|Sq|Parkway|Pkwy|Highway|Hwy|Circle|Cir|Row|Walk|Trail|"
    r"Gardens|Grove|Mews|Alley|Plaza|Parade|Esplanade|Expressway|Freeway|Pike|Loop|Bypass"
)
_PREFIX = (
    r"Calle|Avda\.?|Avenida|Av\.|Carrera|Paseo|Plaza|Ronda|Camino|Rua|Travessa|Largo|Rue|"
    r"Boulevard|Bd\.?|Avenue|Chemin|Allée|Impasse|Via|Viale|Piazza|Corso|Vicolo|Strada|"
    r"Ulica|ul\.|Aleja|Str\.|Straße|Strasse"
)
_COMPOUND = (
    r"straße|strasse|str\.|weg|allee|platz|gasse|ring|damm|ufer|steig|laan|straat|gracht|"
    r"plein|vej|gade|gata|gatan|vägen|väg|veien|vegen|tie|kuja|katu|polku|tér|út|utca|"
    r"u\.|ulice|náměstí|cesta|sokak|caddesi"
)
_W = r"[^\W\d_][\w'’.-]*"  # a word, any case
_CAPW = r"[A-ZÀ-ÖØ-Þ][^\W\d_]*\.?"
# After the street: up to three city/region words (each whole: "London NW1" must not
# leave "1 6XE" behind), a state or province code, then a postcode (US ZIP, UK,
# Canada, Ireland's Eircode, 4-5 digit European codes).
_CITY_WORD = r"[A-ZÀ-ÖØ-Þ][^\W\d_]*(?!\w)"
_CITY = (
    rf"(?:,?[ \t]+{_CITY_WORD}){{0,3}}"
    r"(?:,?[ \t]+[A-Z]{2,3}(?!\w))?"
    r"(?:,?[ \t]+(?:\d{4,5}(?:-\d{3,4})?|[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}|[A-Z]\d[A-Z]\s?\d[A-Z]\d|[A-Z]\d{2}\s?[A-Z\d]{4})(?!\w))?"
)
_UNIT = r"(?:,?\s+(?i:apt|apartment|suite|ste|unit|flat|floor|fl|#)\.?\s*#?\s*[\w-]{1,6})?"

_RULES = (
    Rule(
        "number_first",
        re.compile(
            rf"\b\d{{1,6}}[A-Za-z]?(?:[ \t]+{_W}){{1,4}}[ \t]+(?i:{_SUFFIX})\b\.?"
            rf"(?:[ \t]+(?:NW|NE|SW|SE|N|S|E|W)\b)?(?:[ \t]+\d{{1,5}}\b)?{_UNIT}{_CITY}"
        ),
        0.75,
    ),
    Rule(
        "street_first",
        re.compile(
            rf"(?:\b\d{{1,6}}[ \t]+)?\b(?i:{_PREFIX})(?:[ \t]+{_W}){{1,4}},?[ \t]*\d{{1,5}}[A-Za-z]?\b\.?{_UNIT}"
            rf"(?:,?[ \t]+\d{{4,5}}[ \t]+{_CAPW})?{_CITY}"
        ),
        0.75,
    ),
    Rule(
        "number_prefix",
        re.compile(
            rf"\b\d{{1,6}}[A-Za-z]?,?[ \t]+(?i:{_PREFIX})(?:[ \t]+{_W}){{1,4}}{_UNIT}{_CITY}"
        ),
        0.7,
    ),
    Rule(
        "compound",
        re.compile(
            rf"(?:\b\d{{1,6}}[ \t]+)?\b[^\W\d_][\w'’-]*(?i:{_COMPOUND})[ \t]+\d{{1,5}}[a-z]?\b\.?{_UNIT}"
            rf"(?:,?[ \t]+\d{{4,5}}[ \t]+{_CAPW})?{_CITY}"
        ),
        0.75,
    ),
    Rule(
        "number_word_number",
        re.compile(rf"\b\d{{3,6}}[ \t]+{_CAPW}(?:[ \t]+{_W})?[ \t]+\d{{1,4}}[A-Za-z]?\b\.?{_UNIT}"),
        0.6,
    ),
    Rule(
        "unit",
        re.compile(
            r"(?i)\b(?:apt|apartment|suite|ste|unit|flat|box|psc|cmr)\.?[ \t]*#?[ \t]*\d{1,5}[A-Za-z]?\b"
            r"(?:,?\s+(?i:box)\s+\d{1,5})?"
        ),
        0.6,
    ),
    Rule("military", re.compile(r"(?i)\b(?:APO|FPO|DPO)[ \t]+A[AEP][ \t]+\d{5}\b"), 0.8),
    Rule(
        "place_postcode",
        re.compile(r"(?m)\b[A-Z][^\W\d_]+(?:[ \t]+\([^)\n]*\))?[ \t]+\d{5}[ \t]*$"),
        0.5,
    ),
    Rule("state_zip", re.compile(r"\b[A-Z]{2}[ \t]+\d{5}(?:-\d{4})?\b"), 0.6),
)
_HOUSE_NUMBER_BEFORE = re.compile(r"\d{1,6}[A-Za-z]?[ \t]+$")
_POSTCODE_AFTER = re.compile(r"^,?[ \t]+\d{4,6}\b")


class WardenStreetAddressRecognizer(RuleRecognizer):
    """Street addresses in the common Western formats (see the module doc)."""

    ENTITY = "STREET_ADDRESS"
    RULES = _RULES

    def prefilter(self, text: str) -> bool:
        return any(c.isdigit() for c in text)

    def analyze(
        self, text: str, entities: list[str] | None = None, nlp_artifacts: Any = None
    ) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts)
        out = []
        for r in results:
            m = _HOUSE_NUMBER_BEFORE.search(text[max(0, r.start - 10) : r.start])
            start = r.start - len(m.group(0)) if m else r.start
            out.append(RecognizerResult(self.ENTITY, start, r.end, r.score))
        doc = getattr(nlp_artifacts, "tokens", None)
        if doc is not None and out:
            for ent in doc.ents:
                if ent.label_ in ("GPE", "LOC"):
                    m = _POSTCODE_AFTER.match(text[ent.end_char : ent.end_char + 12])
                    if m:
                        out.append(
                            RecognizerResult(
                                self.ENTITY, ent.start_char, ent.end_char + m.end(), 0.6
                            )
                        )
        return out
