"""What the ``strict`` redaction profile adds (HIPAA Safe Harbor style, docs/privacy.md):
places below the country, every date but its year, ages over 89. (Account, claim and
other record numbers: :class:`~redaction.recognizers.identifiers.WardenRecordNumberRecognizer`.)

The ``default`` profile keeps these: investigations need to see where and when."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from presidio_analyzer import EntityRecognizer, RecognizerResult

from redaction.recognizers.base import Rule, RuleRecognizer
from redaction.recognizers.dob import _MONTHS


@lru_cache(maxsize=1)
def countries() -> frozenset[str]:
    """Country names (Faker's English list), case-folded: these stay in ``strict``."""
    from faker.providers.address.en import Provider

    names = {c.casefold() for c in Provider.countries}
    return frozenset(names | {"usa", "us", "u.s.", "uk", "u.k.", "america", "britain", "england"})


class WardenLocationRecognizer(EntityRecognizer):
    """Cities, regions, streets, buildings: the places spaCy's NER tags (GPE, LOC, FAC)
    that are not a country."""

    ENTITY = "LOCATION"

    def __init__(self) -> None:
        super().__init__(
            supported_entities=[self.ENTITY], supported_language="en", name=type(self).__name__
        )

    def load(self) -> None:
        """Nothing to load."""

    def analyze(
        self, text: str, entities: list[str] | None = None, nlp_artifacts: Any = None
    ) -> list[RecognizerResult]:
        doc = getattr(nlp_artifacts, "tokens", None)
        if doc is None:
            return []
        out = []
        for ent in doc.ents:
            if ent.label_ in ("GPE", "LOC", "FAC") and ent.text.casefold() not in countries():
                out.append(RecognizerResult(self.ENTITY, ent.start_char, ent.end_char, 0.7))
        return out


_DAY = r"\d{1,2}(?:st|nd|rd|th)?"


class WardenDateRecognizer(RuleRecognizer):
    """Every date, but the year stays: ``<DATE> 2024``, ``2024-<DATE>``."""

    ENTITY = "DATE"
    RULES = (
        # 14/03/2024, 3.14.24: day and month go, the year stays
        Rule(
            "dmy",
            re.compile(r"(?<![\d.:/-])(\d{1,2}[./-]\d{1,2})[./-]\d{2,4}(?![\d./-])"),
            0.7,
            group=1,
        ),
        # 2024-03-14: month and day go
        Rule(
            "ymd",
            re.compile(r"(?<![\d.:/-])\d{4}[./-](\d{1,2}[./-]\d{1,2})(?![\d./-])"),
            0.7,
            group=1,
        ),
        # March 14, 2024 / March 14 / 14 March 2024 / 14th of March
        Rule("md", re.compile(rf"\b({_MONTHS}\.?\s+{_DAY})\b"), 0.7, group=1),
        Rule("dm", re.compile(rf"\b({_DAY}\s+(?:of\s+)?{_MONTHS})\b"), 0.7, group=1),
    )


class WardenAgeRecognizer(RuleRecognizer):
    """Ages over 89 (Safe Harbor groups them as "90 or older")."""

    ENTITY = "AGE"
    RULES = (
        Rule(
            "labelled",
            re.compile(r"(?i)\b(?:age|aged|ages)\s*[:=]?\s*(\d{2,3})\b"),
            0.7,
            group=1,
            check=lambda v: 89 < int(v) < 130,
        ),
        Rule(
            "years_old",
            re.compile(r"(?i)\b(\d{2,3})(?=[\s-]*(?:years?|yrs?|y/?o)\b)"),
            0.7,
            group=1,
            check=lambda v: 89 < int(v) < 130,
        ),
    )
