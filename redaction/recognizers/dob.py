"""Dates of birth: a date written in any common form, right after a birth cue in one
of 25 languages ("born on", "DOB", "date of birth", "Geburtsdatum", "né le",
"生年月日", "생년월일", "дата рождения"). Other dates are not personal data
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
    rf"{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\.?,?\s+\d{{4}}"
    # after a birth cue, a day, a month in any language and a year: 3 de mayo de 1979,
    # 12 juillet 1990, 14. März 1985, 5 listopada 1980, 1 Ekim 1990
    rf"|\d{{1,2}}\.?\s+(?:de\s+)?[^\W\d_]{{3,12}}\.?(?:\s+de)?,?\s+\d{{4}}"
    # Chinese and Japanese, Korean: 1988年4月12日, 1995년 3월 2일
    rf"|\d{{4}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日?|\d{{4}}\s*년\s*\d{{1,2}}\s*월\s*\d{{1,2}}\s*일?)"
)
# a birth cue in 25 languages
BIRTH_CUE = (
    r"(?i:born(?:\s+on)?|d\.?o\.?b\.?|date\s+of\s+birth|birth\s*date|birthday(?:\s+is)?|"
    r"fecha\s+de\s+nacimiento|nacid[oa]\s+el|geburtsdatum|geb\.|geboren(?:\s+am)?|"
    r"date\s+de\s+naissance|né(?:e)?\s+le|data\s+di\s+nascita|nat[oa]\s+il|"
    r"data\s+de\s+nascimento|nascid[oa]\s+em|data\s+urodzenia|urodzon[ya]|"
    r"geboortedatum|geboren\s+op|doğum\s+tarihi|дата\s+рождения|родил(?:ся|ась)|"
    r"дата\s+народження|народил(?:ся|ася)|ημερομηνία\s+γέννησης|γεννήθηκε|"
    r"生年月日|出生(?:年月)?日期?|생년월일|ngày\s+sinh|tanggal\s+lahir|วันเกิด|"
    r"تاريخ\s+الميلاد|תאריך\s+לידה|जन्म\s*तिथि|fødselsdato|födelsedatum|syntymäaika|"
    r"születési\s+(?:dátum|idő)|datum\s+narození)"
)
# what every cue holds, for the cheap test before the pattern
_HINTS = (
    "born", "dob", "d.o.b", "birth", "nacimiento", "nacid", "geb", "né", "naissance",
    "nascita", "nato", "nata", "nascimento", "nascid", "urodz", "doğum", "рожд", "родил",
    "народж", "γέννησ", "γεννήθ", "生年月日", "出生", "생년월일", "sinh", "lahir", "วันเกิด",
    "الميلاد", "לידה", "जन्म", "fødsel", "födelse", "syntymä", "születés", "narozen",
)  # fmt: skip


class WardenDateOfBirthRecognizer(RuleRecognizer):
    """A date right after a birth cue word."""

    ENTITY = "DATE_OF_BIRTH"
    RULES = (
        Rule(
            "dob", re.compile(rf"{BIRTH_CUE}\s*[:=：]?\s*(?:is\s+|on\s+)?({_DATE})"), 0.9, group=1
        ),
    )

    def prefilter(self, text: str) -> bool:
        lower = text.lower()
        return any(c in lower for c in _HINTS)
