"""Dates of birth: a date written in any common form, right after a birth cue
("born on", "DOB", "date of birth", "birthday is"). Other dates are not personal data
on their own and are kept."""

from __future__ import annotations

import re

from redaction.recognizers.base import Rule, RuleRecognizer

_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_DATE = (
    rf"(?:\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}|\d{{4}}[./-]\d{{1,2}}[./-]\d{{1,2}}|"
    rf"{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\.?,?\s+\d{{4}})"
)
_CUE = (
    r"(?i:born(?:\s+on)?|d\.?o\.?b\.?|date\s+of\s+birth|birth\s*date|birthday(?:\s+is)?|"
    r"fecha\s+de\s+nacimiento|geboren(?:\s+am)?|né(?:e)?\s+le)"
)


class WardenDateOfBirthRecognizer(RuleRecognizer):
    """A date right after a birth cue word."""

    ENTITY = "DATE_OF_BIRTH"
    RULES = (Rule("dob", re.compile(rf"{_CUE}\s*[:=]?\s*(?:is\s+|on\s+)?({_DATE})"), 0.9, group=1),)

    def prefilter(self, text: str) -> bool:
        lower = text.lower()
        return any(
            c in lower for c in ("born", "dob", "d.o.b", "birth", "nacimiento", "geboren", "né")
        )
